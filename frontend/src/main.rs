//! The marketplace in the browser: a Leptos client-side app. It holds only UI; the rules come
//! from the domain crate and the data from the functions' API.

mod api;
mod app;
mod components;
mod i18n;
mod pages;
mod session;
mod ui;

fn main() {
    console_error_panic_hook::set_once();
    // The page shows a loading note until the app is ready to take over.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
