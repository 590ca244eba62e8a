//! Lists filtered in memory: a page of what a filter keeps, read from as many store pages as
//! that takes (at most [`MAX_STORE_PAGES`]), for the public listings and the statistics' samples.

use crate::error::ApiError;
use crate::extract::Paging;
use crate::repo::Paged;
use crate::store::Cursor;
use market_domain::api::Page;
use std::future::Future;
use std::pin::Pin;

/// The most store pages one request of a filtered list reads.
pub const MAX_STORE_PAGES: usize = 5;

/// Reading one store page of a list and keeping what the filter admits.
pub type PageRead<'a, T> = Pin<Box<dyn Future<Output = Result<Paged<T>, ApiError>> + Send + 'a>>;

/// Up to `limit` items of a list filtered in memory, from `cursor` on. `read` returns the kept
/// items of one store page of at most the given number of items: asking each time for no more
/// than are still wanted means the list never reads past what it returns, so the store's cursor
/// of the last page read is exactly where the next request goes on. Stops when `limit` items are
/// kept, the list ends, or after [`MAX_STORE_PAGES`] pages (then with fewer items and a cursor).
pub async fn collect<'a, T>(
    limit: usize,
    mut cursor: Option<Cursor>,
    mut read: impl FnMut(Option<Cursor>, usize) -> PageRead<'a, T>,
) -> Result<Paged<T>, ApiError> {
    let mut items = Vec::new();
    for _ in 0..MAX_STORE_PAGES {
        let page = read(cursor.take(), limit - items.len()).await?;
        items.extend(page.items);
        cursor = page.next;
        if cursor.is_none() || items.len() >= limit {
            break;
        }
    }
    Ok(Paged { items, next: cursor })
}

/// One page of a filtered list as the API answers it.
pub async fn fill<'a, T>(
    paging: &Paging,
    read: impl FnMut(Option<Cursor>, usize) -> PageRead<'a, T>,
) -> Result<Page<T>, ApiError> {
    let page = collect(paging.limit(), paging.cursor(), read).await?;
    Ok(page.into())
}
