// Formation: the import upload with a progress bar. Without script the form posts as usual.
(function () {
    'use strict';

    function showError(form, text) {
        var box = document.getElementById('upload-client-error');
        if (box) {
            box.textContent = text;
            box.classList.remove('d-none');
        }
    }

    function setProgress(bar, percent) {
        bar.setAttribute('aria-valuenow', String(percent));
        var inner = bar.querySelector('.progress-bar');
        inner.style.width = percent + '%';
        inner.textContent = percent + '%';
    }

    function upload(form, event) {
        var input = form.querySelector('input[type=file]');
        var bar = document.getElementById('upload-progress');
        var button = document.getElementById('upload-submit');
        if (!input || !input.files || input.files.length === 0 || !bar || typeof XMLHttpRequest === 'undefined' || typeof FormData === 'undefined') {
            return; // the browser posts the form itself
        }

        event.preventDefault();
        var max = Number(form.getAttribute('data-max-bytes'));
        if (max > 0 && input.files[0].size > max) {
            showError(form, form.getAttribute('data-too-large'));
            return;
        }

        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                setProgress(bar, Math.floor(e.loaded * 100 / e.total));
            }
        });
        xhr.addEventListener('load', function () {
            if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL && xhr.responseURL !== form.action) {
                window.location.assign(xhr.responseURL); // the mapping step the upload redirected to
                return;
            }
            // The server's page says what was wrong (too large, wrong type…); show its message here.
            var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
            var message = page.getElementById('upload-error') || page.querySelector('[role=alert]');
            showError(form, message ? message.textContent.trim() : form.getAttribute('data-failed'));
            bar.classList.add('d-none');
            button.disabled = false;
        });
        xhr.addEventListener('error', function () {
            showError(form, form.getAttribute('data-failed'));
            bar.classList.add('d-none');
            button.disabled = false;
        });
        document.getElementById('upload-client-error').classList.add('d-none');
        setProgress(bar, 0);
        bar.classList.remove('d-none');
        button.disabled = true;
        xhr.send(new FormData(form));
    }

    document.addEventListener('DOMContentLoaded', function () {
        var form = document.getElementById('upload-form');
        if (form) {
            form.addEventListener('submit', function (event) { upload(form, event); });
        }
    });
})();
