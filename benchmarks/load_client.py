#!/usr/bin/env python3
"""Load client for `peersearch serve` (Python 3 stdlib only; loopback only).

Sends a fixed number of searches from concurrent clients, each on its own keep-alive
connection, with article uploads spread evenly among them; then checks that every uploaded
article can be read back and found. Prints requests/s, latency percentiles and errors, and exits
1 on any error or lost upload.
"""
import argparse
import http.client
import json
import queue
import string
import sys
import threading
import time
import urllib.parse

QUERIES = [
    "peer",
    "installation",
    "bruger adgangskode",
    "printer netværk",
    "lag maske",
    "billede farver",
    "recovery",
    "skrivebord",
    "server klient",
    "\"debian edu\"",
    "\"erfaringer får en anden værdi\"",
    "\"klik på knappen\"",
    "\"i dette kapitel\"",
    "opsætning -windows",
    "manual*",
    "filter OR effekt",
]

ARTICLE = (
    "Belastningsprøve {word}\n\n"
    "Denne artikel er lagt ind under en belastningsprøve af peersearch serve. "
    "Peer-medarbejdere deler deres erfaringer, og ordet {word} findes kun her.\n"
) + "Et afsnit fyldtekst om recovery og socialpsykiatri. " * 40


def marker(number):
    """A made-up word, letters only, unique to upload `number`; it ends in `q`, so the Danish
    stemmer cuts no suffix (such as -e or -en) that would make two markers one."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += string.ascii_lowercase[digit]
        if number == 0:
            return "zqbelast" + letters + "q"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


class Connection:
    """One keep-alive connection to the server, opened again when the server has closed it."""

    def __init__(self, port, token):
        self.port, self.token, self.connection = port, token, None

    def request(self, method, target, body=None):
        """(status, body); a body is sent as JSON with the token."""
        headers = {}
        if body is not None:
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"}
        try:
            return self.send(method, target, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # A keep-alive connection the server closed meanwhile: once more, on a new one
            # (an upload again under the same id replaces the article, so that is safe too).
            self.connection = None
            return self.send(method, target, body, headers)

    def send(self, method, target, body, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            self.connection.request(method, target, body=body, headers=headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise


class Client(threading.Thread):
    """Takes tasks until the queue is empty or the deadline passes; records (kind, seconds, error, payload)."""

    def __init__(self, connection, tasks, deadline, results):
        super().__init__(daemon=True)
        self.connection, self.tasks, self.deadline, self.results = connection, tasks, deadline, results

    def run(self):
        while time.monotonic() < self.deadline:
            try:
                kind, payload = self.tasks.get_nowait()
            except queue.Empty:
                break
            started = time.monotonic()
            try:
                if kind == "search":
                    target = "/search?" + urllib.parse.urlencode({"q": payload, "limit": 10})
                    status, _ = self.connection.request("GET", target)
                else:
                    status, _ = self.connection.request("POST", "/articles", json.dumps(payload).encode())
                error = None if 200 <= status < 300 else f"HTTP {status}"
            except Exception as exception:  # noqa: BLE001 - every failure is counted and reported
                error = repr(exception)
            self.results.append((kind, time.monotonic() - started, error, payload))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--requests", type=int, default=20000, help="searches to send")
    parser.add_argument("--uploads", type=int, default=200, help="articles to upload among them")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--deadline", type=float, default=900, help="stop sending after this many seconds")
    options = parser.parse_args()

    uploads = [{"id": f"belastning/{marker(n)}", "title": f"Belastningsprøve {n}", "text": ARTICLE.format(word=marker(n))}
               for n in range(options.uploads)]
    tasks = queue.Queue()
    every = max(1, options.requests // max(1, options.uploads))
    pending = list(uploads)
    for number in range(options.requests):
        tasks.put(("search", QUERIES[number % len(QUERIES)]))
        if number % every == every - 1 and pending:
            tasks.put(("upload", pending.pop(0)))
    for upload in pending:
        tasks.put(("upload", upload))

    results = []  # list.append is atomic under the GIL
    started = time.monotonic()
    deadline = started + options.deadline
    clients = [Client(Connection(options.port, options.token), tasks, deadline, results) for _ in range(options.clients)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    elapsed = time.monotonic() - started

    errors = [error for _, _, error, _ in results if error]
    print(f"{len(results)} requests from {options.clients} clients in {elapsed:.1f} s: {len(results) / elapsed:.0f} requests/s"
          + ("" if tasks.empty() else f" (deadline reached, {tasks.qsize()} not sent)"))
    for kind in ("search", "upload"):
        times = [duration * 1000 for k, duration, _, _ in results if k == kind]
        print(f"  {kind:6}  {len(times):6}  p50 {percentile(times, 0.5):7.1f} ms  p99 {percentile(times, 0.99):7.1f} ms"
              f"  max {max(times, default=0):7.1f} ms")
    print(f"  errors  {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))

    # Every upload the server accepted must be readable and findable now.
    accepted = [upload for kind, _, error, upload in results if kind == "upload" and not error]
    checker = Connection(options.port, options.token)
    found = 0
    for upload in accepted:
        status, _ = checker.request("GET", "/articles/" + urllib.parse.quote(upload["id"], safe=""))
        word = upload["id"].split("/")[1]
        _, body = checker.request("GET", "/search?" + urllib.parse.urlencode({"q": word, "fields": "path"}))
        if status == 200 and [hit["path"] for hit in json.loads(body)["hits"]] == [upload["id"]]:
            found += 1
    print(f"  uploads found afterwards: {found} of {len(accepted)} accepted")
    return 0 if not errors and found == len(accepted) == len(uploads) else 1


if __name__ == "__main__":
    sys.exit(main())
