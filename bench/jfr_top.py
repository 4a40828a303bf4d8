"""Reads `jfr print --events jdk.ExecutionSample` on stdin; prints where the samples fall: by library (a sample
counts for every library on its stack), the hottest frames on top of the stack, and our own frames inclusive."""
import collections
import re
import sys

FRAME = re.compile(r'^\s+(\S+)\(.*\)\s+line:')
LIBRARIES = ('io.netty', 'io.vertx.core', 'io.vertx.ext.web', 'io.vertx.redis', 'io.quarkus.redis',
             'io.smallrye.mutiny', 'io.smallrye.context', 'io.micrometer', 'io.quarkus.micrometer',
             'org.jboss.resteasy', 'io.quarkus.arc', 'com.github.benmanes.caffeine', 'io.sharepulse',
             'java.util.regex', 'java.time', 'java.security', 'sun.nio.ch')
self_time = collections.Counter()
inclusive = collections.Counter()
libraries = collections.Counter()
samples = 0
stack = []


def flush():
    global samples
    if stack:
        samples += 1
        self_time[stack[0]] += 1
        for frame in set(stack):
            inclusive[frame] += 1
        for lib in LIBRARIES:
            if any(f.startswith(lib) for f in stack):
                libraries[lib] += 1
    stack.clear()


for line in sys.stdin:
    if line.startswith('jdk.ExecutionSample'):
        flush()
        continue
    m = FRAME.match(line)
    if m:
        stack.append(m.group(1))
flush()

print(f'{samples} samples')
print('\n## by library (samples with a frame of it anywhere on the stack)')
for lib, n in libraries.most_common():
    print(f'{100 * n / samples:5.1f}%  {lib}')
print('\n## self (top of stack)')
for frame, n in self_time.most_common(25):
    print(f'{100 * n / samples:5.1f}%  {frame}')
print('\n## inclusive, our own frames')
for frame, n in inclusive.most_common():
    if frame.startswith('io.sharepulse') and n * 200 >= samples:
        print(f'{100 * n / samples:5.1f}%  {frame}')
