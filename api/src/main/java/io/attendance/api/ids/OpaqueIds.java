package io.attendance.api.ids;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What URLs and answers call a case, a letter or a pupil: the internal id (which carries the UPN)
 * encrypted with AES-GCM-SIV (RFC 8452) under a key every instance derives from the session secret.
 * Deterministic (the same case has the same reference on every instance and after a replay, so links
 * and bookmarks hold) and authenticated (a reference nobody issued decrypts to nothing: 404). The
 * UPN is read back only by the instance answering, behind its scope checks; browser history, proxy
 * logs and referrers see only the reference. Rotating the session secret changes every reference.
 */
public final class OpaqueIds {
    /** A fixed nonce: GCM-SIV stays safe when a nonce repeats (it then only shows that two ids are equal). */
    private static final byte[] NONCE = new byte[12];
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    public enum Kind {
        CASE("c"), LETTER("l"), PUPIL("p");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private final byte[] key;

    /** @param key 32 bytes (AES-256), derived from the deployment's secret */
    public OpaqueIds(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        this.key = key.clone();
    }

    public String ref(Kind kind, String id) {
        byte[] plain = id.getBytes(StandardCharsets.UTF_8);
        GCMSIVBlockCipher cipher = cipher(true, kind);
        byte[] out = new byte[cipher.getOutputSize(plain.length)];
        int n = cipher.processBytes(plain, 0, plain.length, out, 0);
        try {
            cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return kind.prefix + "-" + ENCODE.encodeToString(out);
    }

    /** The id a reference was made from; empty for anything this deployment did not issue (as that kind). */
    public Optional<String> id(Kind kind, String ref) {
        if (ref == null || !ref.startsWith(kind.prefix + "-") || ref.length() > 400) return Optional.empty();
        byte[] sealed;
        try {
            sealed = DECODE.decode(ref.substring(kind.prefix.length() + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        GCMSIVBlockCipher cipher = cipher(false, kind);
        byte[] out = new byte[cipher.getOutputSize(sealed.length)];
        try {
            int n = cipher.processBytes(sealed, 0, sealed.length, out, 0);
            n += cipher.doFinal(out, n);
            return Optional.of(new String(out, 0, n, StandardCharsets.UTF_8));
        } catch (InvalidCipherTextException | IllegalStateException | org.bouncycastle.crypto.DataLengthException e) {
            return Optional.empty();
        }
    }

    private GCMSIVBlockCipher cipher(boolean encrypt, Kind kind) {
        GCMSIVBlockCipher c = new GCMSIVBlockCipher(AESEngine.newInstance());
        // the kind is authenticated too: a case's reference is not a pupil's
        c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, NONCE, kind.name().getBytes(StandardCharsets.US_ASCII)));
        return c;
    }
}
