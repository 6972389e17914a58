//! geokg turns English news about international relations into a linked, queryable
//! knowledge graph.
//!
//! The modules follow the data flow: [`document`] reads inputs, [`extract`] turns a document
//! into [`model::Statement`]s, [`rdf`] maps statements to quads, [`store`] keeps them in
//! Oxigraph, and [`query`] / [`export`] read them back.

pub mod document;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod federation;
pub mod ingest;
pub mod link;
pub mod memory;
pub mod model;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod serve;
pub mod stats;
pub mod store;
pub mod vocab;
pub mod web;
