//! [`Scope`]: what `it` names at a point of a check expression. Shared by
//! the walks that resolve an expression's names (`check`) and that give it
//! its kinds (`kinds`), so that both read `it.…` the same way.

use std::collections::BTreeMap;

use super::{Collection, Kind};

#[derive(Clone, Copy)]
pub(super) enum Scope<'a> {
    Top,
    /// Inside the predicate of `all`/`any`/`sum` over this collection: `it`
    /// is an item.
    Item(&'a Collection),
    /// Inside an aggregate over the parts of an item of this collection
    /// (`sum(it.parts, …)`): `it` is a part.
    Parts(&'a Collection),
}

impl<'a> Scope<'a> {
    /// The fields `it.…` may name here.
    pub(super) fn fields(self) -> Option<&'a BTreeMap<String, Kind>> {
        match self {
            Scope::Top => None,
            Scope::Item(collection) => Some(&collection.fields),
            Scope::Parts(collection) => Some(&collection.parts),
        }
    }

    /// Whose fields they are, as a message names them (`indicators`,
    /// `indicators.parts`).
    pub(super) fn owner(self) -> Option<String> {
        match self {
            Scope::Top => None,
            Scope::Item(collection) => Some(collection.name.clone()),
            Scope::Parts(collection) => Some(format!("{}.parts", collection.name)),
        }
    }
}
