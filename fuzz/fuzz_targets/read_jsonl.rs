//! The JSONL reader over any bytes: every line is a document or an error naming its line,
//! never a panic; every document can be hashed (normalised).
#![no_main]

use geokg::document::InputDocuments;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = std::io::Cursor::new(data.to_vec());
    for document in InputDocuments::from_jsonl_reader("fuzz.jsonl", reader) {
        if let Ok(document) = document {
            assert!(document.hash().starts_with("sha256:"));
        }
    }
});
