"""slovnet's news NER (navec + CNN encoder + CRF) run in plain numpy, without the work around
the matrix products.

The weights, the operations and their order are slovnet's (`slovnet.exec.model`), so the float32
values and the tags are the same; what goes is the overhead:
- the sequences of a call are laid end to end in one array, `padding` zero rows between them,
  instead of batches padded to their longest sequence: a convolution then sees zeros past a
  sequence's ends exactly as slovnet's padded batches do (the pad embeddings are zero too);
- each layer works in place on contiguous (rows x channels) arrays: no np.pad, no swapaxes,
  no mask repeated over the channels;
- Viterbi decoding and its backtracking run over a whole group of sequences at once, not one
  sequence at a time in Python;
- a word's vocabulary and shape ids are computed once per distinct word (a dict lookup after);
- navec's product-quantised vectors are read straight from its tar, memory-mapped: no navec
  vocabulary (the model has its own) and no similarity tables, which the NER never uses;
- the models' word vocabularies (250K words, the same in the NER and the syntax model) are one
  `WordIds` per process, found by the bytes of the vocabulary, with one cache of word ids.

The syntax model (`NumpySyntax`, the facts' parser) is slovnet's too: the same encoder, then its
biaffine head and relation scorers (`slovnet.exec.model.SyntaxHead`, `SyntaxRel`) with the same
matrix products per sentence, unpadded.
"""
from __future__ import annotations

import gzip
import json
import tarfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from slovnet.const import PAD, UNK
from slovnet.shape import word_shape

CHUNK_ROWS = 4096  # rows per forward pass: ~16 MB of convolution windows at most
DECODE_GROUP = 128  # sequences decoded together (sorted by length: little padding)
MAX_CACHED_WORDS = 200_000  # word → ids: bounded on huge, varied inputs


@dataclass
class Quantised:
    """navec's product-quantised vectors: a vector is `codes[q, indexes[word, q]]` for each q."""

    id: str
    indexes: np.ndarray  # words x qdim, uint8
    codes: np.ndarray  # qdim x centroids x chunk, float32

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        qdim, centroids, chunk = self.codes.shape
        flat = self.codes.reshape(qdim * centroids, chunk)
        rows = self.indexes[ids].astype(np.intp) + np.arange(qdim) * centroids
        return np.take(flat, rows, axis=0).reshape(len(ids), qdim * chunk)  # take: 4 x fancy indexing here


@lru_cache(maxsize=2)
def shared_quantised(path: str) -> Quantised:
    """One copy of a navec tar's vectors per process, for every model that reads them (NER, syntax)."""
    return load_quantised(path)


def load_quantised(path: str | Path) -> Quantised:
    """The vectors of a navec tar (its pq.bin), the index table memory-mapped where possible
    (pages only for the words met; shared by forked workers)."""
    with tarfile.open(path) as tar:
        meta = json.loads(tar.extractfile("meta.json").read())  # type: ignore[union-attr]
        member = tar.getmember("pq.bin")
        file = tar.extractfile(member)
        assert file is not None
        vectors, _, qdim, centroids = (int(v) for v in np.frombuffer(file.read(16), np.uint32))
        try:
            indexes = np.memmap(path, np.uint8, "r", member.offset_data + 16, (vectors, qdim))
        except (OSError, ValueError):  # a file that cannot be mapped: read it
            indexes = np.frombuffer(file.read(vectors * qdim), np.uint8).reshape(vectors, qdim)
        file.seek(16 + vectors * qdim)
        codes = np.frombuffer(file.read(), np.float32).reshape(qdim, centroids, -1)
    return Quantised(meta["id"], indexes, codes)


@dataclass
class Layer:
    """Conv1d → ReLU → BatchNorm1d, slovnet's CNNEncoderLayer."""

    weight: np.ndarray  # filters x (in * kernel), slovnet's window layout
    bias: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    scale: np.ndarray
    shift: np.ndarray
    padding: int

    def __call__(self, x: np.ndarray, gaps: np.ndarray) -> np.ndarray:
        """(rows x in) → (rows x filters); the `padding` edge rows and the `gaps` rows come out zero."""
        rows, dim = x.shape
        p, kernel = self.padding, 2 * self.padding + 1
        windows = np.empty((rows - 2 * p, dim, kernel), np.float32)  # slovnet's order: channel, then offset
        for j in range(kernel):  # one strided copy per offset: 2 x faster than reshaping a strided view
            windows[:, :, j] = x[j:j + rows - 2 * p]
        windows = windows.reshape(rows - 2 * p, dim * kernel)
        y = np.empty((rows, len(self.bias)), np.float32)
        body = y[p:rows - p]
        np.matmul(windows, self.weight.T, out=body)
        body += self.bias
        np.maximum(body, 0, out=body)
        body -= self.mean
        body /= self.std
        body *= self.scale
        body += self.shift
        y[:p] = 0
        y[rows - p:] = 0
        y[gaps] = 0
        return y


def vocab_items(gzipped: bytes) -> list[str]:
    """A slovnet vocabulary's items from its gzipped bytes (slovnet.exec.pack.bytes_vocab, without the dict)."""
    return gzip.decompress(gzipped).decode("utf8").splitlines()


@dataclass
class Pack:
    """A slovnet model tar: the model record with its arrays, its vocabularies still gzipped."""

    model: Any
    vocabs: dict[str, bytes]

    @classmethod
    def read(cls, path: str | Path, kind: type) -> "Pack":
        from slovnet.exec.pack import Pack as SlovnetPack

        with SlovnetPack(str(path)) as pack:
            pack.load_meta().check_protocol()
            model = pack.load_record("model.json", kind)
            arrays = dict(pack.load_arrays(model.weights))
            names = [name for name in pack.list("vocabs/") if name.endswith(".gz")]
            vocabs = {name[len("vocabs/"):-len(".gz")]: pack.read(name) for name in names}
        return cls(model.inject_arrays(arrays), vocabs)

    def word_ids(self) -> "WordIds":
        return shared_word_ids(gzip.decompress(self.vocabs["word"]), gzip.decompress(self.vocabs["shape"]))


@lru_cache(maxsize=4)
def shared_word_ids(words: bytes, shapes: bytes) -> "WordIds":
    """One `WordIds` (and cache) per distinct pair of vocabularies (their bytes, unzipped: the gzip
    headers differ): the NER's and the syntax model's are the same."""
    return WordIds(words.decode("utf8").splitlines(), shapes.decode("utf8").splitlines())


class WordIds:
    """Each word's (vocabulary id, shape id) as slovnet's encoder computes them, packed in one int and cached."""

    def __init__(self, words: list[str], shapes: list[str]) -> None:
        self.word_id = dict(zip(words, range(len(words))))
        self.shape_id = dict(zip(shapes, range(len(shapes))))
        self.unk, self.shape_unk = self.word_id.get(UNK), self.shape_id.get(UNK)
        self.base = len(shapes)
        self.pad = self.word_id[PAD] * self.base + self.shape_id[PAD]
        self.cache: dict[str, int] = {}

    def _compute(self, word: str) -> int:
        if len(self.cache) >= MAX_CACHED_WORDS:
            self.cache.clear()
        word_id = self.word_id.get(word.lower(), self.unk)
        code = self.cache[word] = word_id * self.base + self.shape_id.get(word_shape(word), self.shape_unk)
        return code

    def __call__(self, words: list[str]) -> np.ndarray:
        get = self.cache.get
        codes = np.array([get(w, -1) for w in words], dtype=np.intp)
        for j in np.flatnonzero(codes < 0).tolist():  # a word met twice here is computed once
            codes[j] = self.cache.get(words[j]) or self._compute(words[j])
        return codes


class Encoder:
    """slovnet's WordShapeEmbedding and CNNEncoder over sequences laid end to end."""

    def __init__(self, model: Any, ids: WordIds, navec: Quantised) -> None:
        if model.emb.word.id != navec.id:
            raise ValueError(f"the model expects navec {model.emb.word.id!r}, got {navec.id!r}")
        self.navec = navec
        self.shape_emb = model.emb.shape.weight.array
        self.layers = [self._layer(layer) for layer in model.encoder.layers]
        self.ids = ids
        self.gap = max(layer.padding for layer in self.layers)

    @staticmethod
    def _layer(layer: Any) -> Layer:
        conv, norm = layer.conv, layer.norm
        filters, _, kernel = conv.weight.shape
        if kernel != 2 * conv.padding + 1:
            raise ValueError(f"a convolution of kernel {kernel} with padding {conv.padding} changes the length")
        return Layer(
            conv.weight.array.reshape(filters, -1), conv.bias.array, norm.mean.array, norm.std.array,
            norm.weight.array, norm.bias.array, conv.padding,
        )

    def chunks(self, lengths: np.ndarray) -> list[tuple[int, int]]:
        """Consecutive runs [a, b) of the sequences with at most CHUNK_ROWS rows, gaps included."""
        out = []
        a = 0
        while a < len(lengths):
            b, rows = a + 1, (lengths[a] + self.gap)
            while b < len(lengths) and rows + lengths[b] + self.gap <= CHUNK_ROWS:
                rows += lengths[b] + self.gap
                b += 1
            out.append((a, b))
            a = b
        return out

    def encode(self, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The encoder's output for the tokens of consecutive sequences (`codes` their packed ids, end to end)."""
        gap = self.gap
        seq = np.repeat(np.arange(len(lengths)), lengths)
        at = np.arange(len(codes)) + (seq + 1) * gap  # each token's row: `gap` rows before each sequence
        rows = len(codes) + (len(lengths) + 1) * gap
        packed = np.full(rows, self.ids.pad, dtype=np.intp)
        packed[at] = codes
        word_ids, shape_ids = np.divmod(packed, self.ids.base)
        vectors = self.navec.vectors(word_ids)
        split = vectors.shape[1]
        x = np.empty((rows, split + self.shape_emb.shape[1]), np.float32)  # slovnet's concatenation
        x[:, :split] = vectors
        x[:, split:] = self.shape_emb[shape_ids]
        filled = np.zeros(rows, dtype=bool)
        filled[at] = True
        gaps = np.flatnonzero(~filled)
        for layer in self.layers:
            x = layer(x, gaps)
        return x[at]


class NumpyNER:
    """Tags lists of words with slovnet's news NER model: `tag(words)` → BIO tags per list."""

    def __init__(self, model: Any, ids: WordIds, tags: list[str], navec: Quantised) -> None:
        self.encoder = Encoder(model, ids, navec)
        self.ids = ids
        self.proj_weight, self.proj_bias = model.head.proj.weight.array, model.head.proj.bias.array
        self.transitions = model.head.crf.transitions.array
        self.tag_names = np.array(tags, dtype=object)

    @classmethod
    def load(cls, path: str | Path, navec: Quantised) -> "NumpyNER":
        from slovnet.exec.model import NER as Model

        pack = Pack.read(path, Model)
        return cls(pack.model, pack.word_ids(), vocab_items(pack.vocabs["tag"]), navec)

    def tag(self, words: list[list[str]]) -> list[list[str]]:
        order = sorted(range(len(words)), key=lambda i: len(words[i]))
        lengths = np.array([len(words[i]) for i in order], dtype=np.intp)
        codes = self.ids([w for i in order for w in words[i]])
        starts = np.concatenate(([0], np.cumsum(lengths)))
        emissions = self.emissions(codes, lengths, starts)
        tags: list[list[str]] = [[] for _ in words]
        for a in range(0, len(order), DECODE_GROUP):
            b = min(a + DECODE_GROUP, len(order))
            for i, row in zip(order[a:b], self.decode(emissions, starts[a:b], lengths[a:b])):
                tags[i] = row
        return tags

    def emissions(self, codes: np.ndarray, lengths: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Tag scores for every token, in the order of `codes`, the sequences cut into chunks."""
        out = np.empty((len(codes), len(self.transitions)), np.float32)
        for a, b in self.encoder.chunks(lengths):
            first, last = starts[a], starts[b]
            x = self.encoder.encode(codes[first:last], lengths[a:b])
            out[first:last] = np.matmul(x, self.proj_weight) + self.proj_bias
        return out

    def decode(self, emissions: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> list[list[str]]:
        """CRF Viterbi over a group of sequences, as slovnet's CRF.decode, all of them at once."""
        size = int(lengths.max()) if len(lengths) else 0
        if size == 0:
            return [[] for _ in lengths]
        steps = np.arange(size)
        at = np.minimum(starts[:, None] + steps, len(emissions) - 1)
        scores = emissions[at]  # group x time x tags
        count = len(lengths)
        history = np.zeros((size, count, scores.shape[2]), dtype=np.intp)
        score = scores[:, 0]
        for t in range(1, size):
            step = score[:, :, None] + self.transitions + scores[:, t, None, :]
            history[t] = step.argmax(1)
            score = np.where((t < lengths)[:, None], step.max(1), score)
        path = np.empty((count, size), dtype=np.intp)
        best = score.argmax(1)
        everyone = np.arange(count)
        for t in range(size - 1, 0, -1):
            path[:, t] = best
            best = np.where(t < lengths, history[t][everyone, best], best)
        path[:, 0] = best
        names = self.tag_names[path].tolist()
        return [row[:n] for row, n in zip(names, lengths.tolist())]


@dataclass
class Bilinear:
    """slovnet's SyntaxHead / SyntaxRel parameters: two FF (Linear → ReLU) layers, the root vector, the kernel."""

    head: tuple[np.ndarray, np.ndarray]  # weight (in x out), bias
    tail: tuple[np.ndarray, np.ndarray]
    root: np.ndarray
    kernel: np.ndarray

    @classmethod
    def of(cls, module: Any) -> "Bilinear":
        ff = lambda f: (f.proj.weight.array, f.proj.bias.array)  # noqa: E731
        return cls(ff(module.head), ff(module.tail), module.root.array, module.kernel.array)

    @staticmethod
    def ff(layer: tuple[np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
        return (np.matmul(x, layer[0]) + layer[1]).clip(0)


class NumpySyntax:
    """Parses lists of words with slovnet's news syntax model: `parse(words)` → (heads, relations)
    per list, a head 1-based (0: the root), as slovnet's SyntaxInfer decodes them."""

    def __init__(self, model: Any, ids: WordIds, rels: list[str], navec: Quantised) -> None:
        self.encoder = Encoder(model, ids, navec)
        self.head, self.rel = Bilinear.of(model.head), Bilinear.of(model.rel)
        self.rel_names = np.array(rels, dtype=object)

    @classmethod
    def load(cls, path: str | Path, navec: Quantised) -> "NumpySyntax":
        from slovnet.exec.model import Syntax as Model

        pack = Pack.read(path, Model)
        return cls(pack.model, pack.word_ids(), vocab_items(pack.vocabs["rel"]), navec)

    def parse(self, words: list[list[str]]) -> list[tuple[list[int], list[str]]]:
        lengths = np.array([len(w) for w in words], dtype=np.intp)
        if not len(words) or lengths.min() == 0:
            raise ValueError("every sentence needs a word")
        codes = self.encoder.ids([w for ws in words for w in ws])
        starts = np.concatenate(([0], np.cumsum(lengths)))
        x = np.empty((len(codes), self.encoder.layers[-1].weight.shape[0]), np.float32)
        for a, b in self.encoder.chunks(lengths):
            x[starts[a]:starts[b]] = self.encoder.encode(codes[starts[a]:starts[b]], lengths[a:b])
        heads = self.heads(x, starts)
        rels = self.rels(x, starts, heads)
        return [(heads[a:b].tolist(), rels[a:b]) for a, b in zip(starts[:-1].tolist(), starts[1:].tolist())]

    def heads(self, x: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Each token's head (1-based, 0: root): SyntaxHead's scores over the root and the sentence's
        tokens, the best of them (slovnet's decode masks the padding with the minimum: the same argmax)."""
        count = len(starts) - 1
        with_root = np.insert(x, starts[:-1], self.head.root, axis=0)  # the root before each sentence
        head = Bilinear.ff(self.head.head, with_root)
        tail = Bilinear.ff(self.head.tail, with_root)
        keyed = np.matmul(head, self.head.kernel)
        out = np.empty(len(x), dtype=np.intp)
        for s in range(count):
            a, b = starts[s] + s, starts[s + 1] + s + 1  # the sentence's rows in with_root, its root first
            scores = np.matmul(keyed[a:b], tail[a:b].T)
            out[starts[s]:starts[s + 1]] = scores[1:].argmax(-1)
        return out

    def rels(self, x: np.ndarray, starts: np.ndarray, heads: np.ndarray) -> list[str]:
        """Each token's relation to its head: SyntaxRel's scores, the best of them."""
        sentence_start = np.repeat(starts[:-1], np.diff(starts))
        gathered = np.where((heads > 0)[:, None], x[np.maximum(sentence_start + heads - 1, 0)], self.rel.root)
        head = Bilinear.ff(self.rel.head, gathered.astype(np.float32, copy=False))
        tail = Bilinear.ff(self.rel.tail, x)
        hidden = self.rel.kernel.shape[0]
        keyed = np.matmul(head, self.rel.kernel).reshape(len(x), -1, hidden)  # tokens x rels x hidden
        scores = np.matmul(keyed, tail.reshape(len(x), hidden, 1)).reshape(len(x), -1)
        return self.rel_names[scores.argmax(-1)].tolist()
