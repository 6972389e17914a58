//! Content negotiation: the best of what we can give for the client's `Accept` header.

use super::http::HttpError;
use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Request, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// SPARQL results formats, in the order we prefer them, with the media types clients use.
pub const RESULTS_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// RDF formats for graphs, Turtle first.
pub const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
];

/// RDF formats that keep named graphs, for a whole dataset.
pub const DATASET_FORMATS: &[(&str, RdfFormat)] = &[
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ),
];

/// The offer the client accepts most (by `q`, then by our order); the first offer when the
/// request has no `Accept`; 406 naming what we can give when nothing fits.
pub fn choose<T: Copy>(request: &Request<Body>, offers: &[(&str, T)]) -> Result<T, HttpError> {
    let accept = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    best(accept, offers).ok_or_else(|| {
        let mut types: Vec<&str> = offers.iter().map(|(media, _)| *media).collect();
        types.dedup();
        HttpError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "cannot answer with {accept}; available: {}",
                types.join(", ")
            ),
        )
    })
}

fn best<T: Copy>(accept: &str, offers: &[(&str, T)]) -> Option<T> {
    let ranges: Vec<(String, f32)> = accept.split(',').filter_map(media_range).collect();
    let mut chosen: Option<(f32, usize)> = None;
    for (index, (media, _)) in offers.iter().enumerate() {
        let quality = ranges
            .iter()
            .filter(|(range, _)| matches(range, media))
            // The most specific range decides: "text/*;q=0.1, text/csv" accepts CSV fully.
            .max_by_key(|(range, _)| specificity(range))
            .map_or(0.0, |(_, q)| *q);
        if quality > 0.0 && chosen.is_none_or(|(best, _)| quality > best) {
            chosen = Some((quality, index));
        }
    }
    chosen.map(|(_, index)| offers[index].1)
}

fn media_range(part: &str) -> Option<(String, f32)> {
    let mut pieces = part.split(';');
    let range = pieces.next()?.trim().to_ascii_lowercase();
    if range.is_empty() {
        return None;
    }
    let quality = pieces
        .filter_map(|p| p.trim().strip_prefix("q="))
        .find_map(|q| q.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    Some((range, quality))
}

fn matches(range: &str, media: &str) -> bool {
    range == "*/*"
        || range == media
        || range
            .strip_suffix("/*")
            .is_some_and(|kind| media.split('/').next() == Some(kind))
}

fn specificity(range: &str) -> u8 {
    match range {
        "*/*" => 0,
        r if r.ends_with("/*") => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[(&str, char)] = &[
        ("application/sparql-results+json", 'j'),
        ("application/sparql-results+xml", 'x'),
        ("text/csv", 'c'),
    ];

    #[test]
    fn quality_decides_then_our_order() {
        assert_eq!(best("*/*", OFFERS), Some('j'));
        assert_eq!(best("text/csv", OFFERS), Some('c'));
        assert_eq!(
            best(
                "application/sparql-results+json;q=0.5, application/sparql-results+xml",
                OFFERS
            ),
            Some('x')
        );
        assert_eq!(best("text/*;q=0.1, text/csv", OFFERS), Some('c'));
        assert_eq!(best("application/*", OFFERS), Some('j'));
    }

    #[test]
    fn nothing_acceptable_and_refusals() {
        assert_eq!(best("image/png", OFFERS), None);
        assert_eq!(best("text/csv;q=0", OFFERS), None);
        assert_eq!(best("*/*;q=0, text/csv;q=0.2", OFFERS), Some('c'));
    }
}
