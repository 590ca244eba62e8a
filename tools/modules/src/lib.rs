//! The modules of one crate and which of them use which, read from the sources; and the cycles
//! among those uses.
//!
//! Module `a` uses module `b` when code in `a` names an item that `b` defines — through any chain
//! of imports and re-exports, which are followed to the item's definition (a `pub use` passes
//! names through and is no use of its own). Paths in code, in types, in patterns and inside macro
//! calls (`view! { <Panel/> }`, `routes!(handler)`) all count; method calls name nothing and do
//! not. A parent and its child are modules like any other: a child that uses what its parent
//! defines, while the parent uses the child, is a cycle. Names that are not the crate's (other
//! crates, the prelude, locals) are left out.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module, by its path in the crate (`routes::public`; the root is `crate`).
pub type ModuleId = usize;

#[derive(Debug, Default)]
struct Module {
    /// `crate`, `crate::routes`, …
    name: String,
    parent: Option<ModuleId>,
    file: PathBuf,
    children: BTreeMap<String, ModuleId>,
    /// The items it defines (types, functions, constants, traits, macros).
    defines: BTreeSet<String>,
    /// What its `use` declarations bind: a name to the path it stands for.
    imports: BTreeMap<String, Vec<String>>,
    /// The paths of its `use … ::*`.
    globs: Vec<Vec<String>>,
    /// The paths its code names, with the line of each.
    references: Vec<(Vec<String>, usize)>,
}

/// One use of a module by another, at a line of the user's file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    pub from: String,
    pub to: String,
    pub file: PathBuf,
    pub line: usize,
    /// The path as written.
    pub path: String,
}

/// Modules that reach one another through their uses.
#[derive(Debug)]
pub struct Cycle {
    /// Every module of the tangle, by name.
    pub modules: Vec<String>,
    /// One closed path through it, as the uses it takes.
    pub around: Vec<Use>,
}

/// A crate's modules and the uses among them.
#[derive(Debug)]
pub struct Graph {
    modules: Vec<Module>,
    /// One example of each pair (from, to), the first found.
    pub uses: BTreeMap<(ModuleId, ModuleId), Use>,
}

/// Why a crate could not be read.
#[derive(Debug)]
pub enum Error {
    Read(PathBuf, std::io::Error),
    Parse(PathBuf, syn::Error),
    NoRoot(PathBuf),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Parse(path, e) => {
                let at = e.span().start();
                write!(f, "{}:{}:{}: {e}", path.display(), at.line, at.column + 1)
            }
            Error::NoRoot(dir) => write!(f, "{}: neither lib.rs nor main.rs", dir.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Reads the crate whose sources are in `src` (its root `lib.rs`, else `main.rs`), following
/// every `mod` declaration.
pub fn read_crate(src: &Path) -> Result<Graph, Error> {
    let root = ["lib.rs", "main.rs"].iter().map(|f| src.join(f)).find(|p| p.is_file());
    let root = root.ok_or_else(|| Error::NoRoot(src.to_owned()))?;
    let mut graph = Graph { modules: Vec::new(), uses: BTreeMap::new() };
    graph.read_file(None, "crate".into(), &root, src.to_owned())?;
    graph.link();
    Ok(graph)
}

impl Graph {
    pub fn module_name(&self, id: ModuleId) -> &str {
        &self.modules[id].name
    }

    pub fn modules(&self) -> usize {
        self.modules.len()
    }

    /// Reads one file as the module `name`; `dir` is where its file children live.
    fn read_file(
        &mut self,
        parent: Option<ModuleId>,
        name: String,
        file: &Path,
        dir: PathBuf,
    ) -> Result<ModuleId, Error> {
        let text = std::fs::read_to_string(file).map_err(|e| Error::Read(file.to_owned(), e))?;
        let parsed = syn::parse_file(&text).map_err(|e| Error::Parse(file.to_owned(), e))?;
        self.read_items(parent, name, file, dir, &parsed.items)
    }

    fn read_items(
        &mut self,
        parent: Option<ModuleId>,
        name: String,
        file: &Path,
        dir: PathBuf,
        items: &[syn::Item],
    ) -> Result<ModuleId, Error> {
        let id = self.modules.len();
        self.modules.push(Module { name: name.clone(), parent, file: file.to_owned(), ..Module::default() });
        let mut collector = Collector::default();
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    let child_name = format!("{name}::{}", m.ident);
                    let child = match &m.content {
                        Some((_, inner)) => {
                            self.read_items(Some(id), child_name, file, dir.join(m.ident.to_string()), inner)?
                        }
                        None => {
                            let ident = m.ident.to_string();
                            let flat = dir.join(format!("{ident}.rs"));
                            let nested = dir.join(&ident).join("mod.rs");
                            let (path, child_dir) = if flat.is_file() {
                                (flat, dir.join(&ident))
                            } else {
                                (nested, dir.join(&ident))
                            };
                            self.read_file(Some(id), child_name, &path, child_dir)?
                        }
                    };
                    self.modules[id].children.insert(m.ident.to_string(), child);
                }
                syn::Item::Use(u) => collector.use_tree(&u.tree, Vec::new()),
                other => {
                    if let Some(defined) = defined_name(other) {
                        collector.defines.insert(defined);
                    }
                    collector.visit_item(other);
                }
            }
        }
        let module = &mut self.modules[id];
        module.defines.extend(collector.defines);
        module.imports.extend(collector.imports);
        module.globs.extend(collector.globs);
        module.references.extend(collector.references);
        Ok(id)
    }

    /// Resolves every reference and keeps one example of each use between two modules.
    fn link(&mut self) {
        for from in 0..self.modules.len() {
            for (path, line) in self.modules[from].references.clone() {
                let Some(to) = self.resolve(from, &path) else { continue };
                if to == from {
                    continue;
                }
                let found = Use {
                    from: self.modules[from].name.clone(),
                    to: self.modules[to].name.clone(),
                    file: self.modules[from].file.clone(),
                    line,
                    path: path.join("::"),
                };
                self.uses.entry((from, to)).or_insert(found);
            }
        }
    }

    /// The module defining what `path`, written in module `at`, names — `None` for a name that
    /// is not the crate's.
    fn resolve(&self, at: ModuleId, path: &[String]) -> Option<ModuleId> {
        self.resolve_from(at, path, &mut BTreeSet::new())
    }

    /// As [`Graph::resolve`], with the lookups already under way (globs can import each other).
    fn resolve_from(
        &self,
        at: ModuleId,
        path: &[String],
        seen: &mut BTreeSet<(ModuleId, String)>,
    ) -> Option<ModuleId> {
        let (first, rest) = path.split_first()?;
        let start = match first.as_str() {
            "crate" => Step::Module(0),
            "self" => Step::Module(at),
            "super" => Step::Module(self.modules[at].parent?),
            "Self" => return None,
            name => self.lookup(at, name, seen)?,
        };
        self.walk(start, rest, seen)
    }

    fn walk(
        &self,
        mut step: Step,
        mut rest: &[String],
        seen: &mut BTreeSet<(ModuleId, String)>,
    ) -> Option<ModuleId> {
        loop {
            match step {
                Step::Defined(module) => return Some(module),
                Step::Module(module) => {
                    let Some((next, tail)) = rest.split_first() else { return Some(module) };
                    step = match next.as_str() {
                        "super" => Step::Module(self.modules[module].parent?),
                        "self" => Step::Module(module),
                        // Generated names (`include!`) and the like: the module is what is known.
                        name => self.lookup(module, name, seen).unwrap_or(Step::Defined(module)),
                    };
                    rest = tail;
                }
            }
        }
    }

    /// What `name` stands for inside `module`: a child module, an item it defines, or what an
    /// import of it binds (followed to the end).
    fn lookup(&self, module: ModuleId, name: &str, seen: &mut BTreeSet<(ModuleId, String)>) -> Option<Step> {
        if !seen.insert((module, name.to_owned())) {
            return None;
        }
        let m = &self.modules[module];
        if let Some(child) = m.children.get(name) {
            return Some(Step::Module(*child));
        }
        if m.defines.contains(name) {
            return Some(Step::Defined(module));
        }
        if let Some(path) = m.imports.get(name) {
            let (first, rest) = path.split_first()?;
            let start = match first.as_str() {
                "crate" => Step::Module(0),
                "self" => Step::Module(module),
                "super" => Step::Module(m.parent?),
                other => self.lookup(module, other, seen)?,
            };
            return Some(match self.walk(start, rest, seen)? {
                found if self.is_module_named(found, path) => Step::Module(found),
                found => Step::Defined(found),
            });
        }
        m.globs.iter().find_map(|glob| {
            let source = self.resolve_from(module, glob, seen)?;
            self.lookup(source, name, seen)
        })
    }

    /// Whether `found` is the module that `path` itself names (an import of a module, not of
    /// an item in it).
    fn is_module_named(&self, found: ModuleId, path: &[String]) -> bool {
        let last = path.last().map(String::as_str);
        match last {
            Some("self") | Some("crate") | Some("super") => true,
            Some(name) => self.modules[found].name.rsplit("::").next() == Some(name),
            None => false,
        }
    }

    /// The uses from one child of `parent` (or a module inside it) to another child: modules
    /// meant to stand apart, like a front-end's pages, which share through other modules.
    pub fn crossings(&self, parent: &str) -> Vec<Use> {
        let child = |name: &str| {
            let rest = name.strip_prefix(parent)?.strip_prefix("::")?;
            Some(rest.split("::").next().unwrap_or(rest).to_owned())
        };
        self.uses
            .values()
            .filter(|u| matches!((child(&u.from), child(&u.to)), (Some(a), Some(b)) if a != b))
            .cloned()
            .collect()
    }

    /// The cycles among the uses: each set of modules that reach one another, smallest first,
    /// with the uses that close it (one path around it).
    pub fn cycles(&self) -> Vec<Cycle> {
        let mut out = BTreeMap::<ModuleId, Vec<ModuleId>>::new();
        for &(from, to) in self.uses.keys() {
            out.entry(from).or_default().push(to);
        }
        let components = strongly_connected(self.modules.len(), &out);
        let mut cycles: Vec<Cycle> = components
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|component| {
                let mut modules: Vec<String> =
                    component.iter().map(|&m| self.modules[m].name.clone()).collect();
                modules.sort();
                Cycle { around: self.loop_through(&component, &out), modules }
            })
            .collect();
        cycles.sort_by(|a, b| a.modules.cmp(&b.modules));
        cycles
    }

    /// One closed path through a strongly connected set, as the uses it takes.
    fn loop_through(&self, component: &[ModuleId], out: &BTreeMap<ModuleId, Vec<ModuleId>>) -> Vec<Use> {
        let inside: BTreeSet<ModuleId> = component.iter().copied().collect();
        let start = *component.iter().min().expect("a component has modules");
        // The shortest way from `start` back to itself, by breadth-first search inside the set.
        let mut previous: HashMap<ModuleId, ModuleId> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        'search: while let Some(at) = queue.pop_front() {
            for &next in out.get(&at).into_iter().flatten().filter(|n| inside.contains(n)) {
                if next == start {
                    previous.insert(start, at);
                    break 'search;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(next) {
                    e.insert(at);
                    queue.push_back(next);
                }
            }
        }
        let mut hops = Vec::new();
        let mut at = start;
        loop {
            let from = previous[&at];
            hops.push(self.uses[&(from, at)].clone());
            at = from;
            if at == start {
                break;
            }
        }
        hops.reverse();
        hops
    }
}

#[derive(Clone, Copy, Debug)]
enum Step {
    Module(ModuleId),
    /// An item defined in this module (what follows are its associated items or variants).
    Defined(ModuleId),
}

fn defined_name(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Const(i) => i.ident.to_string(),
        syn::Item::Enum(i) => i.ident.to_string(),
        syn::Item::Fn(i) => i.sig.ident.to_string(),
        syn::Item::Macro(i) => i.ident.as_ref()?.to_string(),
        syn::Item::Static(i) => i.ident.to_string(),
        syn::Item::Struct(i) => i.ident.to_string(),
        syn::Item::Trait(i) => i.ident.to_string(),
        syn::Item::TraitAlias(i) => i.ident.to_string(),
        syn::Item::Type(i) => i.ident.to_string(),
        syn::Item::Union(i) => i.ident.to_string(),
        _ => return None,
    })
}

/// Gathers what one module's items import and name, leaving nested modules to themselves.
#[derive(Default)]
struct Collector {
    defines: BTreeSet<String>,
    imports: BTreeMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    references: Vec<(Vec<String>, usize)>,
}

impl Collector {
    fn use_tree(&mut self, tree: &syn::UseTree, prefix: Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                let mut prefix = prefix;
                prefix.push(p.ident.to_string());
                self.use_tree(&p.tree, prefix);
            }
            syn::UseTree::Name(n) => {
                let ident = n.ident.to_string();
                if ident == "self" {
                    if let Some(last) = prefix.last().cloned() {
                        self.imports.insert(last, prefix);
                    }
                } else {
                    let mut path = prefix;
                    path.push(ident.clone());
                    self.imports.insert(ident, path);
                }
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix;
                if r.ident != "self" {
                    path.push(r.ident.to_string());
                }
                if r.rename != "_" {
                    self.imports.insert(r.rename.to_string(), path);
                }
            }
            syn::UseTree::Glob(_) => self.globs.push(prefix),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(tree, prefix.clone());
                }
            }
        }
    }

    /// Every path (`a::b::c`) and every lone name in a macro's tokens, as if they were code.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => {
                    self.tokens(g.stream());
                    i += 1;
                }
                TokenTree::Ident(ident) => {
                    let line = ident.span().start().line;
                    let mut path = vec![ident.to_string()];
                    let mut j = i + 1;
                    while j + 2 < trees.len() + 1 && is_path_separator(&trees, j) {
                        match trees.get(j + 2) {
                            Some(TokenTree::Ident(next)) => {
                                path.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    self.references.push((path, line));
                    i = j;
                }
                TokenTree::Punct(_) | TokenTree::Literal(_) => i += 1,
            }
        }
    }
}

fn is_path_separator(trees: &[TokenTree], at: usize) -> bool {
    matches!(
        (trees.get(at), trees.get(at + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && b.as_char() == ':' && a.spacing() == proc_macro2::Spacing::Joint
    )
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let line = path.segments.first().map_or(0, |s| s.ident.span().start().line);
            self.references.push((segments, line));
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        self.tokens(mac.tokens.clone());
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        // A `use` inside a function body binds for the whole module here (near enough).
        self.use_tree(&item.tree, Vec::new());
    }

    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {
        // A module inside a function body: rare, and its own.
    }

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {
        // `pub(super)`, `pub(crate)` say who may use an item, not that it uses anything.
    }

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {
        // Attributes (derives, docs, cfg, the API descriptions) name nothing that is used.
    }
}

/// Tarjan's strongly connected components of the graph `out` over `n` nodes.
fn strongly_connected(n: usize, out: &BTreeMap<usize, Vec<usize>>) -> Vec<Vec<usize>> {
    struct State<'a> {
        out: &'a BTreeMap<usize, Vec<usize>>,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        components: Vec<Vec<usize>>,
    }
    fn connect(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in s.out.get(&v).map(Vec::as_slice).unwrap_or_default() {
            match s.index[w] {
                None => {
                    connect(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(index) if s.on_stack[w] => s.low[v] = s.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            s.components.push(component);
        }
    }
    let mut s = State {
        out,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        components: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            connect(&mut s, v);
        }
    }
    s.components
}
