#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| linkwork_fuzz::oruk_json(data));
