fn main() {
    certscope_app::start();
}
