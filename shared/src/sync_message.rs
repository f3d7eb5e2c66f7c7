//! Decoding a sync message that came over the network, refusing what Automerge would
//! choke on.
//!
//! `automerge::sync::Message::decode` accepts any Bloom filter whose bytes parse, but
//! Automerge 0.12 then divides by the filter's size when it checks a hash against it: a
//! filter that claims entries with zero bits per entry panics the receiver, and one that
//! claims billions of probes makes it allocate and loop for as long. A phone's message is
//! untrusted input for the server (the fuzz test found the first case), so both sides
//! decode through [`decode`], which refuses such filters before Automerge sees them.

use automerge::sync::{BloomFilter, Message};

/// Probes per hash a filter may ask for. Automerge writes 7 (a 1 % false-positive
/// rate); no honest peer needs more than a few dozen.
const MAX_PROBES: u32 = 64;

/// Bits per entry a filter may use. Automerge writes 10.
const MAX_BITS_PER_ENTRY: u32 = 64;

/// Why a sync message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadSyncMessage {
    /// The bytes are not a sync message.
    Undecodable,
    /// A Bloom filter of the message could not be used safely.
    BadBloom,
}

/// Decodes a sync message and checks its Bloom filters.
pub fn decode(bytes: &[u8]) -> Result<Message, BadSyncMessage> {
    let message = Message::decode(bytes).map_err(|_| BadSyncMessage::Undecodable)?;
    if message.have.iter().all(|have| bloom_is_usable(&have.bloom)) {
        Ok(message)
    } else {
        Err(BadSyncMessage::BadBloom)
    }
}

/// Whether checking a hash against the filter terminates quickly without dividing by
/// zero. The filter's parameters are private in Automerge, so they are read back from
/// its encoding: nothing for an empty filter, else three LEB128 numbers (entries, bits
/// per entry, probes) followed by the bits.
fn bloom_is_usable(bloom: &BloomFilter) -> bool {
    let bytes = bloom.to_bytes();
    if bytes.is_empty() {
        return true;
    }
    let mut rest = bytes.as_slice();
    let (Some(entries), Some(bits_per_entry), Some(probes)) = (
        leb128_u32(&mut rest),
        leb128_u32(&mut rest),
        leb128_u32(&mut rest),
    ) else {
        return false;
    };
    entries == 0
        || ((1..=MAX_BITS_PER_ENTRY).contains(&bits_per_entry)
            && probes <= MAX_PROBES
            && !rest.is_empty())
}

/// Reads one unsigned LEB128 number that fits in 32 bits.
fn leb128_u32(input: &mut &[u8]) -> Option<u32> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::sync::{Have, SyncDoc};
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ROOT};

    /// A real first message of a document with one change.
    fn message() -> Message {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "n", 1).unwrap();
        let mut state = automerge::sync::State::new();
        doc.sync().generate_sync_message(&mut state).unwrap()
    }

    fn with_bloom(filter: &[u8]) -> Vec<u8> {
        let mut message = message();
        message.have = vec![Have {
            last_sync: vec![],
            bloom: BloomFilter::try_from(filter).unwrap(),
        }];
        message.encode()
    }

    #[test]
    fn real_messages_pass() {
        let mut a = AutoCommit::new();
        let mut b = AutoCommit::new();
        a.put(ROOT, "n", 1).unwrap();
        b.put(ROOT, "m", 2).unwrap();
        let (mut sa, mut sb) = (automerge::sync::State::new(), automerge::sync::State::new());
        // Enough rounds for both sides to send filters of real changes.
        for _ in 0..4 {
            if let Some(m) = a.sync().generate_sync_message(&mut sa) {
                let m = decode(&m.encode()).unwrap();
                b.sync().receive_sync_message(&mut sb, m).unwrap();
            }
            if let Some(m) = b.sync().generate_sync_message(&mut sb) {
                let m = decode(&m.encode()).unwrap();
                a.sync().receive_sync_message(&mut sa, m).unwrap();
            }
        }
        assert_eq!(a.get_heads(), b.get_heads());
        assert!(decode(&with_bloom(&[1, 10, 7, 0xff, 0xff])).is_ok());
        assert!(decode(&with_bloom(&[])).is_ok());
    }

    #[test]
    fn a_filter_with_no_bits_is_refused_before_automerge_divides_by_zero() {
        // One entry, zero bits per entry: Automerge's own decoder takes it.
        let bytes = with_bloom(&[1, 0, 7]);
        assert!(Message::decode(&bytes).is_ok());
        assert_eq!(decode(&bytes).unwrap_err(), BadSyncMessage::BadBloom);
    }

    #[test]
    fn a_filter_asking_for_billions_of_probes_is_refused() {
        let bytes = with_bloom(&[1, 10, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff]);
        assert!(Message::decode(&bytes).is_ok());
        assert_eq!(decode(&bytes).unwrap_err(), BadSyncMessage::BadBloom);
    }

    #[test]
    fn garbage_is_undecodable() {
        assert_eq!(
            decode(&[0x42, 1, 2, 3]).unwrap_err(),
            BadSyncMessage::Undecodable
        );
    }
}
