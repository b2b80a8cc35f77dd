// The board: drag a card to another column (native HTML5 drag and drop), or press one of the card's status
// buttons; either way the move is posted with the card's version and the server's answer is shown. Without
// this script the buttons still work, by a full page post.
(function () {
    'use strict';

    var board = document.querySelector('[data-board]');
    var form = document.querySelector('form[data-move-form]');
    if (!board || !form) {
        return;
    }
    var message = document.getElementById('board-message');
    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    var columns = Array.prototype.slice.call(board.querySelectorAll('[data-column]'));
    var dragged = null;

    columns.forEach(function (column) {
        var count = column.querySelector('[data-count]');
        // The badge counts the whole column; remember the part not drawn, to count again after a move.
        column.dataset.notDrawn = String(parseInt(count.textContent, 10) - column.querySelectorAll('[data-card]').length);
    });

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

    function statusOf(card) {
        return card.closest('[data-column]').dataset.status;
    }

    function recount() {
        columns.forEach(function (column) {
            column.querySelector('[data-count]').textContent =
                String(parseInt(column.dataset.notDrawn, 10) + column.querySelectorAll('[data-card]').length);
        });
    }

    // The card's buttons offer every status but its own, and carry its version.
    function drawButtons(card) {
        var group = card.querySelector('[data-move-buttons]');
        if (!group) {
            return;
        }
        var current = statusOf(card);
        group.textContent = '';
        columns.forEach(function (column) {
            if (column.dataset.status === current) {
                return;
            }
            var button = document.createElement('button');
            button.type = 'submit';
            button.className = 'btn btn-outline-secondary';
            button.setAttribute('form', form.id);
            button.name = 'move';
            button.value = card.dataset.id + ':' + card.dataset.version + ':' + column.dataset.status;
            button.textContent = column.dataset.name;
            group.appendChild(button);
        });
    }

    // Cards in a column are kept in due order, as the server draws them.
    function place(card, status) {
        var column = columnOf(status);
        if (!column) {
            return;
        }
        var list = column.querySelector('[data-cards]');
        var before = null;
        list.querySelectorAll('[data-card]').forEach(function (other) {
            if (before === null && other !== card && other.dataset.due > card.dataset.due) {
                before = other;
            }
        });
        list.insertBefore(card, before);
        drawButtons(card);
        recount();
    }

    function move(card, status) {
        var origin = statusOf(card);
        if (status === origin) {
            return;
        }
        var data = new FormData();
        data.append('id', card.dataset.id);
        data.append('version', card.dataset.version);
        data.append('status', status);
        data.append(token.name, token.value);
        place(card, status);
        card.setAttribute('aria-busy', 'true');
        say(board.dataset.msgSaving, false);
        fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) {
                return response.json().then(function (reply) { return { ok: response.ok, code: response.status, reply: reply || {} }; });
            })
            .then(function (answer) {
                var reply = answer.reply;
                if (answer.ok || (answer.code === 409 && reply.status)) {
                    // Saved, or someone else changed it first: either way show the card as it now stands.
                    card.dataset.version = String(reply.version);
                    place(card, reply.status);
                    say(reply.message, !answer.ok);
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
        columns.forEach(function (c) { c.classList.remove('drop-target'); });
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
        move(dragged, column.dataset.status);
    });

    // A card's status button, with script: the same move without reloading the page.
    form.addEventListener('submit', function (event) {
        var button = event.submitter;
        var card = button && button.closest('[data-card]');
        if (!card) {
            return;
        }
        event.preventDefault();
        move(card, button.value.split(':')[2]);
        // The pressed button was redrawn with the card; keep the keyboard on the card.
        card.querySelector('a').focus();
    });
})();
