// The notice form takes the cited records as one list, ?records=<id>,<id>. Without this
// script the form still works: the browser sends one records=<id> per checked box.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("cite-records");
  if (!form) return;
  form.addEventListener("submit", () => {
    const boxes = form.querySelectorAll('input[type="checkbox"][name="records"]');
    const joined = form.querySelector("[data-joined-records]");
    joined.value = [...boxes].filter((box) => box.checked).map((box) => box.value).join(",");
    joined.disabled = false;
    boxes.forEach((box) => { box.disabled = true; });
  });
});
