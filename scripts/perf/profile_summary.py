#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file: inclusive share of the service's layers, the
samples split by the task a thread was doing (each sample counted once: the first matching task), and
the top frames by inclusive share (a frame counts once per stack, however deep it recurses). Layers
overlap; tasks do not, which makes them the better view once most work runs on the event loops.

  profile_summary.py FILE.collapsed [TOP]
"""
import re, sys
from collections import Counter

LAYERS = [  # label, pattern on any frame of the stack
    ("JIT compiler threads (C1/C2)", r"CompileBroker|C2Compiler|Compile::|Compilation::"),
    ("GC", r"G1|GCTask|WorkerThread::run"),
    ("AWS SDK (all)", r"software/amazon/awssdk"),
    ("  SDK request signing", r"awssdk/http/auth/aws/internal/signer|AwsV4HttpSigner|DefaultAwsV4HttpSigner|Aws4Signer"),
    ("  SDK endpoint resolution", r"EndpointResolver|endpoints/internal|resolveEndpoint"),
    ("  SDK metric collection", r"awssdk/metrics|MetricCollector|MetricUtils"),
    ("  SDK marshalling / JSON protocol", r"protocols/json|marshall|Unmarshall"),
    ("  SDK netty client", r"awssdk/http/nio/netty"),
    ("SmallRye Fault Tolerance", r"io/smallrye/faulttolerance"),
    ("SmallRye context propagation", r"io/smallrye/context|ContextPropagation|mutiny/context"),
    ("Mutiny", r"io/smallrye/mutiny"),
    ("Quarkus REST (RESTEasy Reactive)", r"org/jboss/resteasy/reactive"),
    ("Jackson", r"com/fasterxml/jackson"),
    ("Micrometer", r"io/micrometer|quarkus/micrometer"),
    ("Logging / MDC", r"org/jboss/logmanager|org/jboss/logging|MDC"),
    ("Vert.x", r"io/vertx"),
    ("Netty", r"io/netty"),
    ("profiles code", r"com/example/profiles"),
    ("scoring kernel", r"com/example/profiles/kernel"),
    ("syscalls (kernel)", r"_\[k\]|\[kernel\]|entry_SYSCALL|__x64_sys"),
]

TASKS = [  # label, pattern on the stack; the first match wins
    ("serving a request (routing, filters, resource, SDK call built and sent)", r"Http1xServerConnection\.handleMessage"),
    ("resuming it (Quarkus REST: answer serialised and written)", r"AbstractResteasyReactiveContext\.run"),
    ("reading a DynamoDB answer (SDK, and what completes on it)", r"awssdk/http/nio/netty/internal/ResponseHandler"),
    ("writing a DynamoDB request", r"NettyRequestExecutor"),
    ("SDK connection pool", r"ChannelPool"),
    ("other SDK Netty work", r"awssdk/http/nio/netty"),
    ("waiting in select / woken up", r"NioEventLoop\.select"),
    ("other socket reads", r"processSelectedKeys"),
    ("other event-loop tasks", r"runAllTasks"),
    ("worker threads", r"EnhancedQueueExecutor|ThreadPoolExecutor"),
    ("GC", r"G1|GCTask"),
    ("JIT compiler", r"CompileBroker|Compile::"),
]


def main(path, top):
    total = 0
    layers = Counter()
    frames = Counter()
    tasks = Counter()
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        if not stack:
            continue
        n = int(n)
        total += n
        for label, pattern in LAYERS:
            if re.search(pattern, stack):
                layers[label] += n
        tasks[next((label for label, pattern in TASKS if re.search(pattern, stack)), "other")] += n
        for frame in set(stack.split(";")):
            frames[frame] += n
    print(f"{total} samples")
    for label, _ in LAYERS:
        print(f"  {100.0 * layers[label] / total:5.1f}%  {label}")
    print("by task (exclusive):")
    for label, n in tasks.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {label}")
    print(f"top {top} frames, inclusive:")
    for frame, n in frames.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {frame[:150]}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
