// The rich-text editor of the redactie (django-prose-editor: Tiptap/ProseMirror, served from the
// project). It offers only what the server keeps after sanitising (knowledge.services.ALLOWED_TAGS):
// paragraphs, h3/h4, bold, italic, lists, links, tables and line breaks. Without JavaScript the
// textarea stays a plain HTML field; either way nh3 cleans the text on the server.
import {
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  createTextareaEditor,
  initializeEditors,
} from "../django_prose_editor/editor.js";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const editor = createTextareaEditor(textarea, [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    Bold,
    Italic,
    Heading.configure({ levels: [3, 4] }),
    BulletList,
    OrderedList,
    ListItem,
    Link,
    Table,
    TableRow,
    TableHeader,
    TableCell,
  ]);
  // The editable area is named by the field's label, for screen readers.
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const area = textarea.closest(".prose-editor")?.querySelector("[contenteditable]");
  if (area) {
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || `${textarea.id}_label`;
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", () => editor.commands.focus());
    }
    const help = textarea.getAttribute("aria-describedby");
    if (help) area.setAttribute("aria-describedby", help);
  }
  return editor;
}

initializeEditors(createEditor, "[data-prose-editor]");
