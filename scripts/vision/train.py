#!/usr/bin/env python3
"""Trains Daogou's image embedding: a small CNN over product photos, exported to ONNX for the engine.

Input: training sets written by `daogou vision training-set` (`<prefix>.u8` pixels + `<prefix>.json`
manifest), so training sees exactly the pixels the engine decodes at run time. Output: `<out>.onnx`
(float32 NCHW 0..255 in; `embedding` L2-normalised and `probabilities` out) and `<out>.json` (size,
labels, figures). Seeded and single-process; sized to train in minutes on two CPU cores.
Needs PyTorch (Debian: python3-torch) and numpy; nothing is downloaded.
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(prefix):
    with open(prefix + ".json") as f:
        manifest = json.load(f)
    s = manifest["size"]
    pixels = np.fromfile(prefix + ".u8", dtype=np.uint8).reshape(-1, s, s, 3)
    labels = np.array([sample["label"] for sample in manifest["samples"]], dtype=np.int64)
    return manifest, torch.from_numpy(pixels).permute(0, 3, 1, 2).contiguous(), torch.from_numpy(labels)


def block(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class Net(nn.Module):
    """Seven 3x3 conv layers in four stages, global average pooling, a linear embedding and a cosine classifier."""

    def __init__(self, classes, width, dim):
        super().__init__()
        w = width
        self.features = nn.Sequential(
            *block(3, w), nn.MaxPool2d(2),
            *block(w, 2 * w), *block(2 * w, 2 * w), nn.MaxPool2d(2),
            *block(2 * w, 4 * w), *block(4 * w, 4 * w), nn.MaxPool2d(2),
            *block(4 * w, 8 * w), *block(8 * w, 8 * w),
        )
        self.embed = nn.Linear(8 * w, dim)
        self.classes = nn.Parameter(torch.randn(classes, dim) * 0.1)
        # Fixed scale for the cosine logits: the embedding then clusters by class on the unit sphere,
        # which is what nearest-neighbour search measures.
        self.scale = 16.0
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1) * 255)
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * 255)

    def forward(self, x):
        x = (x - self.mean) / self.std
        x = self.features(x).mean(dim=(2, 3))
        e = F.normalize(self.embed(x), dim=1)
        logits = self.scale * e @ F.normalize(self.classes, dim=1).t()
        return e, logits


class Export(nn.Module):
    """What the engine runs: embedding of the image and of its mirror image, averaged; class probabilities.

    With `join` > 0 the search vector is the embedding with the class probabilities (times `join`) appended,
    normalised again: neighbours then agree on the class the classifier reads, as well as on the look.
    """

    def __init__(self, net, join=0.0):
        super().__init__()
        self.net = net
        self.join = join

    def forward(self, x):
        e1, l1 = self.net(x)
        e2, l2 = self.net(torch.flip(x, dims=[3]))
        p = F.softmax((l1 + l2) / 2, dim=1)
        e = F.normalize(e1 + e2, dim=1)
        if self.join > 0:
            e = F.normalize(torch.cat([e, self.join * p], dim=1), dim=1)
        return e, p


def augment(x, generator):
    """Random mirror, shift (white padding) and brightness; x is uint8 NCHW, returns float."""
    n, _, s, _ = x.shape
    x = x.float()
    flip = torch.rand(n, generator=generator) < 0.5
    x[flip] = torch.flip(x[flip], dims=[3])
    pad = s // 8
    padded = F.pad(x, (pad, pad, pad, pad), value=255.0)
    out = torch.empty_like(x)
    offsets = torch.randint(0, 2 * pad + 1, (n, 2), generator=generator)
    scale = 0.8 + 0.4 * torch.rand(n, 1, 1, 1, generator=generator)
    for i in range(n):
        dy, dx = int(offsets[i, 0]), int(offsets[i, 1])
        out[i] = padded[i, :, dy:dy + s, dx:dx + s]
    return (out * scale).clamp_(0, 255)


@torch.no_grad()
def embed_all(model, x, batch=256):
    model.eval()
    es, ps = [], []
    for i in range(0, len(x), batch):
        e, p = model(x[i:i + batch].float())
        es.append(e)
        ps.append(p)
    return torch.cat(es), torch.cat(ps)


def precision_at(query_e, query_y, gallery_e, gallery_y, k=10):
    sims = query_e @ gallery_e.t()
    top = sims.topk(k, dim=1).indices
    return (gallery_y[top] == query_y[:, None]).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", required=True, help="training set prefix")
    parser.add_argument("--validation", help="held-out set prefix (reported, never trained on)")
    parser.add_argument("--out", required=True, help="output prefix: writes <out>.onnx and <out>.json")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--width", type=int, default=24)
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--resume", help="start from weights saved by an earlier run (<out>.pt); --epochs 0 exports only")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N images only (smoke tests)")
    parser.add_argument("--join", type=float, default=0.0,
                        help="append the class probabilities times this to the exported search vector (0: embedding only)")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(args.seed)
    manifest, x, y = load(args.train)
    if args.limit:
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(args.seed))[: args.limit]
        x, y = x[order], y[order]
    labels = manifest["labels"]
    size = manifest["size"]
    net = Net(len(labels), args.width, args.dim)
    if args.resume:
        net.load_state_dict(torch.load(args.resume))
    steps = max(1, args.epochs * math.ceil(len(x) / args.batch))
    optimiser = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=5e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps, pct_start=0.2)
    started = time.time()
    for epoch in range(args.epochs):
        net.train()
        order = torch.randperm(len(x), generator=generator)
        total, correct, loss_sum = 0, 0, 0.0
        for i in range(0, len(x), args.batch):
            idx = order[i:i + args.batch]
            if len(idx) < 2:
                continue
            _, logits = net(augment(x[idx], generator))
            loss = F.cross_entropy(logits, y[idx], label_smoothing=0.1)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == y[idx]).sum().item()
            total += len(idx)
        torch.save(net.state_dict(), args.out + ".pt")
        print(f"epoch {epoch + 1}/{args.epochs} loss {loss_sum / total:.3f} train acc {correct / total:.3f} "
              f"{time.time() - started:.0f} s", flush=True)

    net.eval()
    exported = Export(net, args.join).eval()
    dim = args.dim + (len(labels) if args.join > 0 else 0)
    report = {"size": size, "labels": labels, "dim": dim, "seed": args.seed, "epochs": args.epochs,
              "width": args.width, "join": args.join, "trainImages": len(x),
              "trainSeconds": round(time.time() - started, 1)}
    if args.resume:
        report["resumedFrom"] = args.resume.split("/")[-1]
    if args.validation:
        _, vx, vy = load(args.validation)
        ge, gp = embed_all(Export(net).eval(), x)
        ve, vp = embed_all(Export(net).eval(), vx)
        report["validationAccuracy"] = round((vp.argmax(1) == vy).float().mean().item(), 4)
        # Precision@10 of the search vector for several join weights (0: the embedding alone), so the
        # exported one can be chosen on the figures; the one exported is validationPrecisionAt10.
        by_join = {}
        for w in sorted({0.0, 0.5, 1.0, 2.0, args.join}):
            joined = lambda e, p: F.normalize(torch.cat([e, w * p], dim=1), dim=1) if w > 0 else e
            by_join[str(w)] = round(precision_at(joined(ve, vp), vy, joined(ge, gp), y), 4)
        report["validationPrecisionAt10ByJoin"] = by_join
        report["validationPrecisionAt10"] = by_join[str(float(args.join))]
        print(f"validation accuracy {report['validationAccuracy']} precision@10 {report['validationPrecisionAt10']} "
              f"(by join weight {by_join})")
    dummy = torch.zeros(1, 3, size, size)
    torch.onnx.export(exported, dummy, args.out + ".onnx", input_names=["pixels"],
                      output_names=["embedding", "probabilities"],
                      dynamic_axes={"pixels": {0: "n"}, "embedding": {0: "n"}, "probabilities": {0: "n"}},
                      opset_version=13, do_constant_folding=True)
    with open(args.out + ".json", "w") as f:
        json.dump({"format": "daogou-image-embedding/1", "input": "pixels", "layout": "NCHW", "range": [0, 255],
                   "fit": "contain", "background": [255, 255, 255], **report}, f, indent=2)
    print(f"wrote {args.out}.onnx and {args.out}.json")


if __name__ == "__main__":
    main()
