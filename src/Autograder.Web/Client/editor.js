// The code editor of code parts: CodeMirror 6 with C#, mirrored into the part's textarea so that drafts and submit read it.
import { EditorView, basicSetup } from "codemirror";
import { csharp } from "@replit/codemirror-lang-csharp";

export function attach(textarea) {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      basicSetup,
      csharp(),
      EditorView.updateListener.of(update => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }),
    ],
  });
  textarea.style.display = "none";
  textarea.insertAdjacentElement("afterend", view.dom);
  return view;
}

window.autograderEditor = { attach };
