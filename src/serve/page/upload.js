// Drag and drop onto the form's own file input, and the names of the files
// chosen; without this script the form still posts the files it has.
(function () {
  'use strict';
  var form = document.getElementById('upload');
  var drop = document.getElementById('drop');
  var input = document.getElementById('file');
  var list = document.getElementById('chosen');
  var submit = document.getElementById('submit');

  function size(bytes) {
    if (bytes < 1048576) {
      return Math.max(1, Math.round(bytes / 1024)) + ' KB';
    }
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  function show() {
    list.textContent = '';
    for (var i = 0; i < input.files.length; i++) {
      var item = document.createElement('li');
      item.textContent = input.files[i].name + '（' + size(input.files[i].size) + '）';
      list.appendChild(item);
    }
  }

  function over(event) {
    event.preventDefault();
    drop.classList.add('over');
  }

  function leave() {
    drop.classList.remove('over');
  }

  drop.addEventListener('dragenter', over);
  drop.addEventListener('dragover', over);
  drop.addEventListener('dragleave', leave);
  drop.addEventListener('drop', function (event) {
    event.preventDefault();
    leave();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  input.addEventListener('change', show);
  form.addEventListener('submit', function () {
    submit.disabled = true;
    submit.textContent = '正在检查…';
  });
  // Coming back to the page from its result shows the form ready again.
  window.addEventListener('pageshow', function () {
    submit.disabled = false;
    submit.textContent = '开始检查';
    show();
  });
}());
