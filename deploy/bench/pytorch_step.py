#!/usr/bin/env python3
"""The PyTorch CPU baseline for `dmf bench-step --pytorch`: the authors' training loop for deep
matrix completion (dense product of nn.Parameter factors, MSE on the observed entries, autograd,
group RMSprop), timed per step on the entries our benchmark wrote.

Prints one line: `pytorch_ms_per_step <median> <min> <max> torch <version> threads <n>`, or with
--converge, trains from the start until the train loss is at most --threshold and prints
`pytorch_converge <steps> <seconds> <loss>`.
"""
import argparse
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", required=True, help="CSV row,col,value (0-based), no header")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--cols", type=int, required=True)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--converge", action="store_true")
    parser.add_argument("--threshold", type=float, default=1e-6)
    parser.add_argument("--max-steps", type=int, default=1000000)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    data = torch.tensor([[float(x) for x in line.split(",")]
                         for line in open(args.entries) if line.strip()], dtype=torch.float64)
    rows, cols, values = data[:, 0].long(), data[:, 1].long(), data[:, 2]

    dims = [args.cols] + [args.width] * (args.depth - 1) + [args.rows]
    sigma = 1e-3 ** (1.0 / args.depth) / args.width ** 0.5
    factors = [torch.nn.Parameter(torch.randn(dims[k + 1], dims[k], dtype=torch.float64) * sigma)
               for k in range(args.depth)]
    lr, alpha, eps = 1e-3, 0.99, 1e-4
    state = {"s": 0.0, "t": 0}

    def step():
        w = factors[0]
        for f in factors[1:]:
            w = f @ w
        loss = ((w[rows, cols] - values) ** 2).mean()
        for f in factors:
            f.grad = None
        loss.backward()
        state["loss"] = float(loss)
        with torch.no_grad():
            norm2 = sum(float((f.grad ** 2).sum()) for f in factors)
            state["t"] += 1
            state["s"] = alpha * state["s"] + (1 - alpha) * norm2
            size = lr / ((state["s"] / (1 - alpha ** state["t"])) ** 0.5 + eps)
            for f in factors:
                f -= size * f.grad

    if args.converge:
        start = time.perf_counter()
        steps = 0
        while steps < args.max_steps:
            step()
            if state["loss"] <= args.threshold:
                break
            steps += 1
        print(f"pytorch_converge {steps} {time.perf_counter() - start:.3f} {state['loss']:.3e}")
        return

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.steps):
            step()
        times.append((time.perf_counter() - start) * 1000 / args.steps)
    times.sort()
    print(f"pytorch_ms_per_step {times[len(times) // 2]:.4f} {times[0]:.4f} {times[-1]:.4f} "
          f"torch {torch.__version__} threads {args.threads}")


if __name__ == "__main__":
    main()
