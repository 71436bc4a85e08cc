//! The rules every text is held to, whatever document it reaches: characters no text may hold
//! (`chars`), text normalised as a reader sees it (`normalise`), the wording a document type
//! forbids (`wording`), the length of a PDF string (`pdf_string`) and the characters XML, and so a DOCX, can hold
//! (`xml_text`).

pub mod chars;
pub mod normalise;
pub mod pdf_string;
pub mod wording;
pub mod xml_text;
