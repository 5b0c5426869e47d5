#![forbid(unsafe_code)]

fn main() {
    certscope_app::start();
}
