package io.sharepulse.platform;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 without a new digest per call (the redirect hashes on every click), and the encodings we use. */
public final class Hashing {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Hashing() {
    }

    /** SHA-256 over the parts, each followed by a NUL so that ("ab","c") and ("a","bc") differ. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (byte[] part : parts) {
            digest.update(part);
            digest.update((byte) 0);
        }
        return digest.digest();
    }

    public static byte[] sha256(String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Base62 of the first {@code bits} bits of {@code bytes}, left-padded with '0' to a fixed width. */
    public static String base62(byte[] bytes, int bits) {
        BigInteger value = new BigInteger(1, bytes).shiftRight(bytes.length * 8 - bits);
        int width = (int) Math.ceil(bits / (Math.log(62) / Math.log(2)));
        char[] out = new char[width];
        BigInteger base = BigInteger.valueOf(62);
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out[i] = BASE62[qr[1].intValue()];
            value = qr[0];
        }
        return new String(out);
    }

    /** URL-safe base64 of the first {@code length} bytes. */
    public static String base64url(byte[] bytes, int length) {
        byte[] head = bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        return BASE64URL.encodeToString(head);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
