//! The built-in packs' data as value trees compiled into the binary, and a serde
//! deserializer reading the pack schema straight from them.
//!
//! `build.rs` writes each pack's header, rules and entries as a `static` [`Tree`] (Rust
//! source, so the compiler lays it out in read-only memory). Deserializing the schema
//! types from it costs field matching and the allocation of the owned strings, but no
//! parsing: start-up no longer scans 1.3 MB of JSON text, whose parsing was a fifth of a
//! one-line check's instructions (callgrind).
//!
//! A tree holds no pointers: its strings are ranges of one text and its containers ranges
//! of its node array. A tree of `&'static` references would need one load-time relocation
//! per string and container in a position-independent executable — 110,000 of them, which
//! the dynamic loader spent 2 ms applying before `main` on every run.
//!
//! The tree is self-describing like JSON, so `toml::Spanned` keys deserialize from it in
//! the form that type reads (a table of start, end and value).

use serde::de::value::{BorrowedStrDeserializer, Error, MapDeserializer, SeqDeserializer};
use serde::de::{Deserializer, IntoDeserializer, Visitor};

/// One node of a [`Tree`]. Ranges are `(first, len)`: of bytes of [`Tree::text`] for
/// strings, of nodes for containers (a container's children are consecutive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (TOML integers are 64-bit signed).
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(u32, u32),
    /// An array: its elements.
    Array(u32, u32),
    /// A table: its values, whose keys are in [`Tree::keys`] at the same positions.
    Table(u32, u32),
}

/// A value tree: node 0 is the root.
#[derive(Debug)]
pub struct Tree {
    /// Every string of the tree, keys included.
    pub text: &'static str,
    /// The nodes.
    pub nodes: &'static [Node],
    /// For a node that is a table's value, its key (a range of `text`); unused otherwise.
    pub keys: &'static [(u32, u32)],
}

impl Tree {
    /// Deserializes `T` from the root.
    pub fn to<T: serde::Deserialize<'static>>(&'static self) -> Result<T, Error> {
        T::deserialize(At {
            tree: self,
            node: 0,
        })
    }

    fn str(&'static self, (first, len): (u32, u32)) -> &'static str {
        &self.text[first as usize..(first + len) as usize]
    }
}

/// A node of a tree, as a serde deserializer.
#[derive(Clone, Copy)]
struct At {
    tree: &'static Tree,
    node: u32,
}

impl At {
    /// The nodes `first..first + len`.
    fn children(self, first: u32, len: u32) -> impl Iterator<Item = At> {
        let tree = self.tree;
        (first..first + len).map(move |node| At { tree, node })
    }
}

impl<'de> IntoDeserializer<'de, Error> for At {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for At {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.tree.nodes[self.node as usize] {
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Int(i) => match u64::try_from(i) {
                Ok(u) => visitor.visit_u64(u),
                Err(_) => visitor.visit_i64(i),
            },
            Node::Float(f) => visitor.visit_f64(f),
            Node::Str(first, len) => visitor.visit_borrowed_str(self.tree.str((first, len))),
            Node::Array(first, len) => {
                let mut seq = SeqDeserializer::new(self.children(first, len));
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            Node::Table(first, len) => {
                let tree = self.tree;
                let mut map = MapDeserializer::new(self.children(first, len).map(|at| {
                    let key = tree.str(tree.keys[at.node as usize]);
                    (BorrowedStrDeserializer::new(key), at)
                }));
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
        }
    }

    /// A key that is present always holds a value: TOML has no null.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    /// The schema's enums are unit variants written as strings (`kind = "phrase"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.tree.nodes[self.node as usize] {
            Node::Str(first, len) => {
                BorrowedStrDeserializer::<Error>::new(self.tree.str((first, len)))
                    .deserialize_enum(name, variants, visitor)
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::{Node, Tree};
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Row {
        name: String,
        count: usize,
        delta: i32,
        ratio: f64,
        on: bool,
        tags: Vec<String>,
        note: Option<String>,
        missing: Option<String>,
        kind: Kind,
        at: toml::Spanned<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Place,
        Person,
    }

    const START: (u32, u32) = (59, 30);
    const END: (u32, u32) = (89, 28);
    const VALUE: (u32, u32) = (117, 30);

    /// `{name = "Kursk", count = 3, delta = -2, ratio = 0.5, on = true, tags = ["fr",
    /// "de"], note = "Koursk", kind = "person", at = <"Kursk" at 4..9>}`, laid out as
    /// `build.rs` lays trees out: each container's children consecutive, after it.
    static ROW: Tree = Tree {
        text: "KurskcountdeltaratioontagsfrdenoteKourskkindpersonatnamefoo\
               $__serde_spanned_private_start$__serde_spanned_private_end\
               $__serde_spanned_private_value",
        nodes: &[
            Node::Table(1, 9),
            Node::Str(0, 5),
            Node::Int(3),
            Node::Int(-2),
            Node::Float(0.5),
            Node::Bool(true),
            Node::Array(13, 2),
            Node::Str(34, 6),
            Node::Str(44, 6),
            Node::Table(10, 3),
            Node::Int(4),
            Node::Int(9),
            Node::Str(0, 5),
            Node::Str(26, 2),
            Node::Str(28, 2),
        ],
        keys: &[
            (0, 0),
            (52, 4),
            (5, 5),
            (10, 5),
            (15, 5),
            (20, 2),
            (22, 4),
            (30, 4),
            (40, 4),
            (50, 2),
            START,
            END,
            VALUE,
            (0, 0),
            (0, 0),
        ],
    };

    #[test]
    fn deserializes_every_kind_of_value_spans_included() {
        let row: Row = ROW.to().unwrap();
        assert_eq!(row.name, "Kursk");
        assert_eq!(
            (row.count, row.delta, row.ratio, row.on),
            (3, -2, 0.5, true)
        );
        assert_eq!(row.tags, ["fr", "de"]);
        assert_eq!(row.note.as_deref(), Some("Koursk"));
        assert_eq!(row.missing, None);
        assert_eq!(row.kind, Kind::Person);
        assert_eq!((row.at.span(), row.at.get_ref().as_str()), (4..9, "Kursk"));
    }

    #[test]
    fn reports_unknown_keys_wrong_types_and_unknown_variants() {
        static EXTRA: Tree = Tree {
            text: "foox",
            nodes: &[Node::Table(1, 1), Node::Str(3, 1)],
            keys: &[(0, 0), (0, 3)],
        };
        let e = EXTRA.to::<Row>().unwrap_err().to_string();
        assert!(e.contains("unknown field `foo`"), "{e}");
        static WRONG: Tree = Tree {
            text: "x",
            nodes: &[Node::Array(1, 1), Node::Str(0, 1)],
            keys: &[(0, 0), (0, 0)],
        };
        let e = WRONG.to::<Vec<u32>>().unwrap_err().to_string();
        assert!(e.contains("invalid type"), "{e}");
        static VARIANT: Tree = Tree {
            text: "planet",
            nodes: &[Node::Str(0, 6)],
            keys: &[(0, 0)],
        };
        let e = VARIANT.to::<Kind>().unwrap_err().to_string();
        assert!(e.contains("unknown variant `planet`"), "{e}");
        static NEGATIVE: Tree = Tree {
            text: "",
            nodes: &[Node::Int(-1)],
            keys: &[(0, 0)],
        };
        assert!(NEGATIVE.to::<u32>().is_err());
    }
}
