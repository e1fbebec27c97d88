#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| linkwork_fuzz::handover_file(data));
