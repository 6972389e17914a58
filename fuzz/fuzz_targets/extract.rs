//! The extractor over any text: statements, mentions and their RDF, never a panic, and every
//! offset a character boundary inside the text.
#![no_main]

use geokg::document::Document;
use geokg::extract::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let extractor = EXTRACTOR.get_or_init(|| Extractor::bundled().expect("bundled data loads"));
    let document = Document::new(text);
    let characters = text.chars().count();
    let statements = extractor.extract(&document, None);
    for statement in &statements {
        assert!(statement.start <= statement.end && statement.end <= characters);
    }
    for mention in extractor.mentions(&document) {
        assert!(mention.start <= mention.end && mention.end <= characters);
    }
    let _ = geokg::rdf::document_quads(&document, &statements);
});
