//! Tiny crates written to a temporary folder, read back: the cycles found are exactly the ones
//! written into them.

use std::path::PathBuf;

/// Writes `files` (path, text) under a fresh folder and reads the crate there.
fn read(files: &[(&str, &str)]) -> market_modules::Graph {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir: PathBuf = std::env::temp_dir().join(format!("market-modules-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let graph = market_modules::read_crate(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    graph
}

fn cycles_in(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    read(files).cycles().into_iter().map(|c| c.modules).collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn siblings_that_use_each_other_are_a_cycle() {
    let found = cycles_in(&[
        ("lib.rs", "mod a; mod b;"),
        ("a.rs", "use crate::b::B; pub struct A; fn f(_: B) {}"),
        ("b.rs", "pub struct B; fn g() -> super::a::A { super::a::A }"),
    ]);
    assert_eq!(found, vec![names(&["crate::a", "crate::b"])]);
}

#[test]
fn a_crate_whose_uses_go_one_way_has_none() {
    let found = cycles_in(&[
        ("lib.rs", "mod a; mod b; mod c; pub use a::A;"),
        ("a.rs", "use crate::b::B; pub struct A(B);"),
        ("b.rs", "pub struct B(pub crate::c::C);"),
        ("c.rs", "pub(crate) struct C; pub(super) fn h() {}"),
    ]);
    assert_eq!(found, Vec::<Vec<String>>::new());
}

#[test]
fn a_child_using_its_parent_that_uses_it_is_a_cycle() {
    let found = cycles_in(&[
        ("main.rs", "mod calendar;"),
        ("calendar.rs", "mod holidays; pub struct Source; fn f() { holidays::year(); }"),
        ("calendar/holidays.rs", "use super::Source; pub fn year() -> Option<Source> { None }"),
    ]);
    assert_eq!(found, vec![names(&["crate::calendar", "crate::calendar::holidays"])]);
}

#[test]
fn a_re_export_is_followed_to_where_the_item_is_defined() {
    // `a` names `hub::C`, which `hub` only passes through from `c`; `c` uses `a`. The cycle is
    // a ↔ c, and `hub` is in none.
    let found = cycles_in(&[
        ("lib.rs", "mod a; mod c; mod hub { pub use crate::c::C; }"),
        ("a.rs", "pub struct A; fn f(_: crate::hub::C) {}"),
        ("c.rs", "pub struct C(pub crate::a::A);"),
    ]);
    assert_eq!(found, vec![names(&["crate::a", "crate::c"])]);
}

#[test]
fn names_inside_macro_calls_count() {
    let found = cycles_in(&[
        ("lib.rs", "mod page; mod panel;"),
        ("page.rs", "use crate::panel::Panel; pub fn now() {} fn p() { view! { <Panel/> } }"),
        ("panel.rs", "pub struct Panel; fn q() { log!(\"{}\", crate::page::now()) }"),
    ]);
    assert_eq!(found, vec![names(&["crate::page", "crate::panel"])]);
}

#[test]
fn globs_that_import_each_other_are_read_without_end() {
    let found = cycles_in(&[
        ("lib.rs", "mod a; mod b; pub struct Root;"),
        ("a.rs", "use crate::b::*; pub struct A;"),
        ("b.rs", "use crate::a::*; pub struct B; fn f(_: Missing) {}"),
    ]);
    assert_eq!(found, Vec::<Vec<String>>::new());
}

#[test]
fn children_kept_apart_may_share_only_through_other_modules() {
    let graph = read(&[
        ("lib.rs", "mod pages; mod widgets;"),
        ("widgets.rs", "pub struct Link;"),
        ("pages/mod.rs", "pub mod home; pub mod need;"),
        ("pages/home.rs", "use crate::widgets::Link; pub fn home() {}"),
        ("pages/need/mod.rs", "mod panel; use panel::Panel; use crate::widgets::Link;"),
        ("pages/need/panel.rs", "pub struct Panel; fn f() { crate::pages::home::home() }"),
    ]);
    let crossings: Vec<(String, String)> =
        graph.crossings("crate::pages").into_iter().map(|u| (u.from, u.to)).collect();
    assert_eq!(crossings, vec![("crate::pages::need::panel".into(), "crate::pages::home".into())]);
    assert!(graph.crossings("crate::widgets").is_empty());
}
