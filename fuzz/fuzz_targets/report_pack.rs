#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| linkwork_fuzz::report_pack(data));
