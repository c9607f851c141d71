"""A stand-in for a model server, for tests: a real HTTP server process that speaks the
OpenAI-compatible chat API and replays recorded answers.

Why a stand-in: the answers a real model gives change from run to run and machine to machine;
the positive paths (good prose reaches the page) and the adversarial ones (a changed number,
swapped names, a quote not in the source, lines out of range, an injected instruction) need
answers we know exactly. The real model path is covered by tests/test_llm_llama.py (llama.cpp).

    python tests/llm_standin.py ANSWERS.json PORT_FILE REQUEST_LOG

ANSWERS.json: [{"match": "text in the last user message", "content": "the answer's content"}, …];
the first rule that matches answers. Every request body is appended to REQUEST_LOG (JSON Lines).
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def main() -> None:
    answers = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    port_file, log_file = Path(sys.argv[2]), Path(sys.argv[3])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
            with log_file.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(body, ensure_ascii=False) + "\n")
            if not self.path.endswith("/chat/completions"):
                return self._send(404, {"error": {"message": "not found"}})
            last = body["messages"][-1]["content"]
            content = next((a["content"] for a in answers if a["match"] in last), '{"summary": []}')
            self._send(200, {
                "id": "standin", "object": "chat.completion", "model": body.get("model"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": len(last) // 4, "completion_tokens": len(content) // 4,
                          "total_tokens": (len(last) + len(content)) // 4},
            })

        def _send(self, code, data):
            raw = json.dumps(data).encode()
            self.send_response(code)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = port_file.with_suffix(".tmp")
    tmp.write_text(str(server.server_address[1]))
    tmp.replace(port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
