//! The ids the catalog declares: languages, audiences and document types. An id is an interned
//! string, so that it is as cheap to copy and compare as the enums it replaces; which ids exist
//! is data (`templates/catalog.yaml`), checked by `validate` with a location and a did-you-mean.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Mutex;

/// Every distinct id string ever seen, leaked once: memory is bounded by the number of
/// distinct ids, however often a long-lived process (watch) reloads the project.
static INTERNED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

fn intern(s: &str) -> &'static str {
    let mut set = INTERNED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(found) = set.get(s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(&'static str);

        impl $name {
            pub fn new(id: &str) -> Self {
                Self(intern(id))
            }

            pub fn as_str(self) -> &'static str {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok(Self::new(&s))
            }
        }
    };
}

id_type!(
    /// A language of the catalog (`es`, `en`, `pt`): a BCP 47 primary language subtag.
    Lang
);
id_type!(
    /// An audience of the catalog (`mre`, `defence`, `nato`): who an output is for.
    Audience
);
id_type!(
    /// A document type of the catalog (`briefing-note`, `non-paper`, `mou`).
    DocType
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ids_are_one_string() {
        let a = Lang::new("es");
        let b = Lang::new(&String::from("es"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Lang::new("en"));
        assert_eq!(Audience::new("nato").to_string(), "nato");
    }
}
