import Foundation

/// A minimal arbitrary-precision unsigned integer: enough to count password spaces exactly
/// (82^128 is about 2^814) without rounding.
struct UnsignedBigInt: Hashable, Comparable, Sendable {
    /// Base 2^32 digits, least significant first, no trailing zeros.
    private(set) var limbs: [UInt32]

    init(_ value: UInt64 = 0) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    var isZero: Bool { limbs.isEmpty }

    /// `base` to the power `exponent`.
    static func power(_ base: UInt32, _ exponent: Int) -> UnsignedBigInt {
        var result = UnsignedBigInt(1)
        for _ in 0..<exponent { result.multiply(by: base) }
        return result
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    static func + (lhs: UnsignedBigInt, rhs: UnsignedBigInt) -> UnsignedBigInt {
        var result = UnsignedBigInt()
        result.limbs = []
        var carry: UInt64 = 0
        for index in 0..<max(lhs.limbs.count, rhs.limbs.count) {
            let sum = UInt64(lhs.limb(index)) + UInt64(rhs.limb(index)) + carry
            result.limbs.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.limbs.append(UInt32(carry)) }
        result.normalize()
        return result
    }

    /// `lhs - rhs`; the caller guarantees `lhs >= rhs`.
    static func - (lhs: UnsignedBigInt, rhs: UnsignedBigInt) -> UnsignedBigInt {
        precondition(lhs >= rhs, "UnsignedBigInt subtraction would go negative")
        var result = UnsignedBigInt()
        result.limbs = []
        var borrow: Int64 = 0
        for index in 0..<lhs.limbs.count {
            var difference = Int64(lhs.limb(index)) - Int64(rhs.limb(index)) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 1 << 32 }
            result.limbs.append(UInt32(difference))
        }
        result.normalize()
        return result
    }

    static func < (lhs: UnsignedBigInt, rhs: UnsignedBigInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    /// log2 of the value, to double precision; -infinity for zero.
    var log2: Double {
        guard let top = limbs.last else { return -.infinity }
        // The top 64 bits are plenty for a double's 53-bit mantissa.
        let count = limbs.count
        var leading = Double(top)
        if count >= 2 { leading = leading * 4294967296 + Double(limbs[count - 2]) }
        let shift = Double(32 * max(0, count - 2))
        return Foundation.log2(leading) + shift
    }

    /// The value in decimal.
    var decimal: String {
        guard !isZero else { return "0" }
        var chunks: [UInt32] = []
        var value = self
        while !value.isZero { chunks.append(value.divide(by: 1_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    /// Divides in place and returns the remainder.
    private mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        normalize()
        return UInt32(remainder)
    }

    private func limb(_ index: Int) -> UInt32 { index < limbs.count ? limbs[index] : 0 }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }
}
