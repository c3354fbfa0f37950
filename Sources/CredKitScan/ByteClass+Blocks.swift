#if arch(x86_64) && canImport(_Builtin_intrinsics)
import _Builtin_intrinsics.intel
#endif

/// Sixteen bytes classified at once: bit `j` of the result is set when byte `j` is in the class.
/// SSE2 (every x86-64 CPU has it) where available, a table walk elsewhere.
extension ByteClass {
    /// `[A-Z0-9]` for bytes `p[0..<16]`.
    @inline(__always)
    static func keyIDMask(_ p: UnsafePointer<UInt8>) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics)
        let v = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i.self))
        let inClass = _mm_or_si128(inRange(v, 0x41, 26), inRange(v, 0x30, 10))
        return UInt32(truncatingIfNeeded: _mm_movemask_epi8(inClass))
        #else
        return mask(p, keyID)
        #endif
    }

    /// `[A-Za-z0-9+/]` for bytes `p[0..<16]`.
    @inline(__always)
    static func base64Mask(_ p: UnsafePointer<UInt8>) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics)
        let v = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i.self))
        let letters = inRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 0x61, 26)
        let digitsAndSlash = inRange(v, 0x2f, 11)
        let plus = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2b))
        return UInt32(truncatingIfNeeded: _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letters, digitsAndSlash), plus)))
        #else
        return mask(p, base64)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics)
    /// Lanes where `lo <= v < lo + count` (unsigned), using SSE2's signed compare on
    /// values with their top bit flipped.
    @inline(__always)
    private static func inRange(_ v: __m128i, _ lo: Int8, _ count: Int) -> __m128i {
        let shifted = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(lo)), _mm_set1_epi8(-128))
        return _mm_cmplt_epi8(shifted, _mm_set1_epi8(Int8(truncatingIfNeeded: count - 128)))
    }
    #else
    @inline(__always)
    private static func mask(_ p: UnsafePointer<UInt8>, _ bits: UInt8) -> UInt32 {
        var result: UInt32 = 0
        for lane in 0..<16 where table[Int(p[lane])] & bits != 0 { result |= 1 << UInt32(lane) }
        return result
    }
    #endif
}
