//! An HTML page to a document: the main text by a readability.js port (dom_smoothie), and the
//! metadata that provenance and relative dates need.

use super::{decode, Fetched, WebError};
use crate::document::{parse_date, Document};

pub(super) fn document(fetched: &Fetched) -> Result<Document, WebError> {
    let fail = |message: String| WebError::Content {
        url: fetched.url.clone(),
        message,
    };
    let html = decode(fetched);
    if fetched.media_type == "text/plain" {
        return Ok(with_url(Document::new(html), &fetched.url, None));
    }
    let mut readability = dom_smoothie::Readability::new(html.as_str(), Some(&fetched.url), None)
        .map_err(|e| fail(format!("cannot read the page: {e}")))?;
    let article = readability
        .parse()
        .map_err(|e| fail(format!("no article text found: {e}")))?;
    let text = paragraphs(&article.text_content);
    if text.trim().is_empty() {
        return Err(fail("no article text found".into()));
    }
    let canonical = canonical_url(&html).unwrap_or_else(|| fetched.url.clone());
    let mut document = with_url(Document::new(text), &canonical, Some(&fetched.url));
    document.title = Some(article.title.trim().to_owned()).filter(|t| !t.is_empty());
    document.published = article.published_time.as_deref().and_then(parse_date);
    Ok(document)
}

fn with_url(document: Document, url: &str, fetched_from: Option<&str>) -> Document {
    let mut document = document.with_origin(fetched_from.unwrap_or(url));
    document.url = Some(url.to_owned());
    document
}

/// The text with one blank line between paragraphs and no runs of spaces, so that sentences
/// split where the page had blocks.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `<link rel="canonical" href="…">`, the URL the publisher calls the article's own.
fn canonical_url(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<link") {
        let start = from + at;
        let end = start + lower[start..].find('>')?;
        let tag = &lower[start..end];
        if tag.contains("rel=\"canonical\"") || tag.contains("rel='canonical'") {
            let href = tag.find("href=")? + 5;
            let quote = tag[href..].chars().next()?;
            let value_start = start + href + 1;
            let value_end = value_start + html[value_start..].find(quote)?;
            return Some(html[value_start..value_end].to_owned());
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_canonical_url_in_any_case() {
        let html = r#"<head><LINK REL="canonical" HREF="https://news.example/a/Story-1"></head>"#;
        assert_eq!(
            canonical_url(html).as_deref(),
            Some("https://news.example/a/Story-1")
        );
        assert_eq!(canonical_url("<link rel=stylesheet href=x.css>"), None);
    }
}
