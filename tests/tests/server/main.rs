//! The server tests: a real server on a random port with a fresh database (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` is set) and native sync clients, one module per
//! concern, all in one binary so the whole backend is linked once.

mod access;
mod admin;
mod auth;
mod bad_requests;
mod consolidated;
mod decisions;
mod durability;
mod export;
mod fuzz;
mod history;
mod import;
mod live;
mod overview;
mod review;
mod submission;
mod sync;
mod task_texts;
