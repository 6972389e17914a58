//! RSS and Atom feeds, through feed-rs: the articles they list.

use super::{Fetched, WebError};
use chrono::NaiveDate;

/// One article a feed lists.
#[derive(Debug, Clone)]
pub struct Item {
    pub url: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

pub(super) fn items(fetched: &Fetched) -> Result<Vec<Item>, WebError> {
    let feed = feed_rs::parser::parse(fetched.body.as_slice()).map_err(|e| WebError::Content {
        url: fetched.url.clone(),
        message: format!("not an RSS or Atom feed: {e}"),
    })?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())?
                .href
                .clone();
            Some(Item {
                url,
                title: entry.title.map(|t| t.content),
                published: entry.published.or(entry.updated).map(|d| d.date_naive()),
            })
        })
        .collect())
}
