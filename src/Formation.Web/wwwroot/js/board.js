// The board: drag a card to another column (native HTML5 drag and drop), or use the card's own form; either
// way the move is posted with the card's version and the server's answer is shown. Without this script the
// form still works, by a full page post.
(function () {
    'use strict';

    var board = document.querySelector('[data-board]');
    if (!board) {
        return;
    }
    var message = document.getElementById('board-message');
    var dragged = null;

    function say(text, isError) {
        if (!message) {
            return;
        }
        message.textContent = text;
        message.classList.toggle('alert-warning', !!isError);
        message.classList.toggle('alert-info', !isError);
        message.hidden = false;
    }

    function columnOf(status) {
        return board.querySelector('[data-column][data-status="' + status + '"]');
    }

    function recount() {
        board.querySelectorAll('[data-column]').forEach(function (column) {
            var count = column.querySelector('[data-count]');
            if (count && count.dataset.shown === undefined) {
                // The badge counts the whole column; keep the part not drawn and add what is drawn now.
                count.dataset.hidden = String(parseInt(count.textContent, 10) - column.querySelectorAll('[data-card]').length);
                count.dataset.shown = '';
            }
            if (count) {
                count.textContent = String(parseInt(count.dataset.hidden, 10) + column.querySelectorAll('[data-card]').length);
            }
        });
    }

    // Cards in a column are kept in due order, as the server draws them.
    function place(card, status) {
        var column = columnOf(status);
        if (!column) {
            return;
        }
        var list = column.querySelector('[data-cards]');
        var due = card.dataset.due;
        var before = null;
        list.querySelectorAll('[data-card]').forEach(function (other) {
            if (before === null && other !== card && other.dataset.due > due) {
                before = other;
            }
        });
        list.insertBefore(card, before);
        var select = card.querySelector('select[name="status"]');
        if (select) {
            select.value = status;
        }
    }

    function setVersion(card, version) {
        card.dataset.version = String(version);
        var input = card.querySelector('input[name="version"]');
        if (input) {
            input.value = String(version);
        }
    }

    function move(card, status, origin) {
        var form = card.querySelector('form[data-move]');
        if (!form) {
            return;
        }
        var data = new FormData(form);
        data.set('status', status);
        card.setAttribute('aria-busy', 'true');
        say(board.dataset.msgSaving, false);
        fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) {
                return response.json().then(function (reply) { return { ok: response.ok, code: response.status, reply: reply }; });
            })
            .then(function (answer) {
                var reply = answer.reply || {};
                if (answer.ok) {
                    setVersion(card, reply.version);
                    place(card, reply.status);
                    say(reply.message, false);
                } else if (answer.code === 409 && reply.status) {
                    // Someone else moved or edited it first: show the card as it now stands.
                    setVersion(card, reply.version);
                    place(card, reply.status);
                    say(reply.message, true);
                } else {
                    place(card, origin);
                    say(reply.message || board.dataset.msgFailed, true);
                }
            })
            .catch(function () {
                place(card, origin);
                say(board.dataset.msgFailed, true);
            })
            .then(function () {
                card.removeAttribute('aria-busy');
                recount();
            });
    }

    board.addEventListener('dragstart', function (event) {
        var card = event.target.closest && event.target.closest('[data-card][draggable="true"]');
        if (!card) {
            return;
        }
        dragged = card;
        card.classList.add('dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', card.dataset.id);
    });

    board.addEventListener('dragend', function () {
        if (dragged) {
            dragged.classList.remove('dragging');
        }
        dragged = null;
        board.querySelectorAll('.drop-target').forEach(function (c) { c.classList.remove('drop-target'); });
    });

    board.addEventListener('dragover', function (event) {
        var column = event.target.closest && event.target.closest('[data-column]');
        if (dragged && column) {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            column.classList.add('drop-target');
        }
    });

    board.addEventListener('dragleave', function (event) {
        var column = event.target.closest && event.target.closest('[data-column]');
        if (column && !column.contains(event.relatedTarget)) {
            column.classList.remove('drop-target');
        }
    });

    board.addEventListener('drop', function (event) {
        var column = event.target.closest && event.target.closest('[data-column]');
        if (!dragged || !column) {
            return;
        }
        event.preventDefault();
        column.classList.remove('drop-target');
        var card = dragged;
        var origin = card.closest('[data-column]').dataset.status;
        var status = column.dataset.status;
        if (status === origin) {
            return;
        }
        place(card, status);
        recount();
        move(card, status, origin);
    });

    // The card's form, with script: the same move without reloading the page.
    board.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.matches('form[data-move]')) {
            return;
        }
        event.preventDefault();
        var card = form.closest('[data-card]');
        var origin = card.closest('[data-column]').dataset.status;
        var status = form.querySelector('select[name="status"]').value;
        if (status === origin) {
            return;
        }
        place(card, status);
        recount();
        move(card, status, origin);
    });

    recount();
})();
