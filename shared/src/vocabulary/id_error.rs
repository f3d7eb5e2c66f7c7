//! Why a word of the vocabulary, or an id built from them, was refused. The message is
//! shown to users, so it is Vietnamese.

/// Why an identifier was refused; the message is shown to users, so it is Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("Mã đơn vị không hợp lệ: «{0}»")]
    Unit(String),
    #[error("Kỳ báo cáo không hợp lệ: «{0}»")]
    Period(String),
    #[error("Loại báo cáo không hợp lệ: «{0}»")]
    Kind(String),
    #[error("Mã báo cáo không hợp lệ: «{0}»")]
    Doc(String),
}
