package dev.sockbench.bench.cluster;

import dev.sockbench.core.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's shared secret ({@code --key-file}): every task and signal is signed with it
 * (HMAC-SHA256), and an agent refuses whatever does not carry a valid signature. The file must be
 * readable by its owner only (0600 or 0400); anything else is refused, since a key others can read
 * signs for them too. Thread-safe.
 */
public final class ClusterKey {
    /** Fewest bytes a key file may hold: 128 bits. */
    static final int MIN_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final SecretKeySpec key;

    ClusterKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * Reads the key file.
     *
     * @throws BadInputException when it is missing, unreadable, too short, or readable by others
     */
    public static ClusterKey read(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new BadInputException("--key-file " + file + " is readable by others; make it the owner's only"
                        + " (chmod 600 " + file + ")");
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length < MIN_BYTES) {
                throw new BadInputException("--key-file " + file + " holds " + secret.length + " bytes; a key needs"
                        + " at least " + MIN_BYTES + " (head -c 32 /dev/urandom > " + file + ")");
            }
            return new ClusterKey(secret);
        } catch (IOException e) {
            throw new BadInputException("cannot read --key-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** True when {@code signature} is {@code message}'s under this key (compared in constant time). */
    public boolean verify(byte[] message, byte[] signature) {
        return signature != null && MessageDigest.isEqual(sign(message), signature);
    }
}
