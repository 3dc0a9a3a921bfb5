// make-golden.mjs writes the golden files that reward/merkle_test.go checks the Go
// MerkleTree against: roots, leaf hashes, proofs, multi-proofs and tree dumps computed
// by OpenZeppelin's own StandardMerkleTree for leaf types ["address", "uint256"].
//
// Made with @openzeppelin/merkle-tree 1.0.8 (pinned in package.json and
// package-lock.json; ethereum-cryptography 3.2.0, the version the tree itself
// depends on, is used only for EIP-55 checksums), node v20.
//
// Reproduce (node_modules/ is git-ignored):
//
//	cd reward/testdata/merkle && npm ci && node make-golden.mjs
//
// The claim sets are deterministic: the "random" ones are drawn from a SHA-256
// counter stream with a fixed seed, so running the script again rewrites the same
// files byte for byte.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256 } from 'ethereum-cryptography/keccak.js';
import { bytesToHex, utf8ToBytes } from 'ethereum-cryptography/utils.js';

const OZ_VERSION = '1.0.8';
const require = createRequire(import.meta.url);
const installed = JSON.parse(readFileSync(require.resolve('@openzeppelin/merkle-tree/package.json'), 'utf8')).version;
if (installed !== OZ_VERSION) {
  throw new Error(`expected @openzeppelin/merkle-tree ${OZ_VERSION}, found ${installed}: run npm ci`);
}

const ENCODING = ['address', 'uint256'];
const MAX_UINT256 = (1n << 256n) - 1n;

// Deterministic byte stream: SHA-256(seed || counter).
function stream(seed) {
  let counter = 0;
  let buf = Buffer.alloc(0);
  return (n) => {
    while (buf.length < n) {
      const h = createHash('sha256').update(`${seed}/${counter++}`).digest();
      buf = Buffer.concat([buf, h]);
    }
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return Buffer.from(out);
  };
}

// EIP-55 mixed-case checksum of a lowercase hex address (no 0x).
function checksum(lowerHex) {
  const h = bytesToHex(keccak256(utf8ToBytes(lowerHex)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lowerHex[i];
    out += parseInt(h[i], 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

// The spellings a builder may use for one address: EIP-55, all lower, all upper.
function spell(lowerHex, style) {
  switch (style) {
    case 'checksum':
      return checksum(lowerHex);
    case 'lower':
      return '0x' + lowerHex;
    case 'upper':
      return '0x' + lowerHex.toUpperCase();
    default:
      throw new Error(style);
  }
}

const canonical = ([addr, amount]) => [checksum(addr.slice(2).toLowerCase()), BigInt(amount).toString(10)];

function randomClaims(seed, n) {
  const next = stream(seed);
  const styles = ['checksum', 'lower', 'upper'];
  const fixed = [0n, 1n, MAX_UINT256, 1n << 255n, 10n ** 18n];
  const claims = [];
  for (let i = 0; i < n; i++) {
    const addr = next(20).toString('hex');
    const style = styles[next(1)[0] % 3];
    let amount;
    if (i < fixed.length) {
      amount = fixed[i];
    } else {
      const bits = next(1)[0] + 1; // 1..256 bits
      const raw = BigInt('0x' + next(32).toString('hex'));
      amount = raw >> BigInt(256 - bits);
    }
    claims.push([spell(addr, style), amount.toString(10)]);
  }
  return claims;
}

// Seeded subset of indices (unsorted, as a caller might pass them).
function randomSubset(seed, n, k) {
  const next = stream(seed);
  const picked = new Set();
  while (picked.size < Math.min(k, n)) {
    picked.add(next(2).readUInt16BE(0) % n);
  }
  return [...picked];
}

// The JSON the CLI prints: {"root", "proofs": {"<lowercase addr>:<amount>": proof}},
// keys inserted in sorted order so JSON.stringify matches Go's sorted map keys.
function proofsJSON(tree, claims) {
  const entries = claims.map((c, i) => {
    const [addr, amount] = canonical(c);
    return [`${addr.toLowerCase()}:${amount}`, tree.getProof(i)];
  });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { root: tree.root, proofs: Object.fromEntries(entries) };
}

function golden(name, claims, opts = {}) {
  const { allowRepeatedAddress = false, multi = [], unsorted = false } = opts;
  const tree = StandardMerkleTree.of(claims, ENCODING);
  const canon = StandardMerkleTree.of(claims.map(canonical), ENCODING);
  if (canon.root !== tree.root) throw new Error(`${name}: spelling changed the root`);
  const proofs = claims.map((_, i) => tree.getProof(i));
  proofs.forEach((p, i) => {
    if (!StandardMerkleTree.verify(tree.root, ENCODING, claims[i], p)) throw new Error(`${name}: proof ${i}`);
  });
  const out = {
    generator: `make-golden.mjs, @openzeppelin/merkle-tree ${OZ_VERSION}`,
    name,
    allowRepeatedAddress,
    claims,
    root: tree.root,
    leafHashes: claims.map((c) => tree.leafHash(c)),
    proofs,
    multiProofs: multi.map((indices) => {
      const mp = tree.getMultiProof([...indices]);
      if (!tree.verifyMultiProof(mp)) throw new Error(`${name}: multiproof ${indices}`);
      return { indices, leaves: mp.leaves, proof: mp.proof, proofFlags: mp.proofFlags };
    }),
    dump: canon.dump(),
    proofsJSON: proofsJSON(tree, claims),
  };
  if (unsorted) {
    // A tree built without sorting the leaves: LoadMerkleTreeJSON must read it too.
    const u = StandardMerkleTree.of(claims.map(canonical), ENCODING, { sortLeaves: false });
    out.unsorted = { root: u.root, proofs: claims.map((_, i) => u.getProof(i)), dump: u.dump() };
  }
  writeFileSync(new URL(`./${name}.golden.json`, import.meta.url), JSON.stringify(out, null, 2) + '\n');
  console.log(`${name}.golden.json: ${claims.length} claims, root ${tree.root}`);
}

golden('one', [['0x5B38Da6a701c568545dCfcB03FcB875f56beddC4', '1000000000000000000']], { multi: [[0], []] });

golden(
  'two',
  [
    ['0x1111111111111111111111111111111111111111', '5000000000000000000'],
    ['0x2222222222222222222222222222222222222222', '2500000000000000000'],
  ],
  { multi: [[0], [1], [1, 0]] },
);

// The three claims of the package Example (merkle_example_test.go).
golden(
  'three',
  [
    ['0x1111111111111111111111111111111111111111', '5000000000000000000'],
    ['0x2222222222222222222222222222222222222222', '2500000000000000000'],
    ['0x3333333333333333333333333333333333333333', '1250000000000000000'],
  ],
  { multi: [[], [0], [2, 0], [0, 1, 2]] },
);

// Seven leaves: 13 nodes, leaves at two depths (the heap layout is not a perfect tree).
golden(
  'seven',
  randomClaims('depinkit/reward/merkle/seven', 7),
  { multi: [[0], [6, 3], [1, 2, 4], [0, 1, 2, 3, 4, 5, 6]], unsorted: true },
);

golden('hundred', randomClaims('depinkit/reward/merkle/hundred', 100), {
  multi: [[42], randomSubset('depinkit/reward/merkle/hundred/multi', 100, 9), [...Array(100).keys()]],
});

// OpenZeppelin admits one address with two amounts; NewMerkleTree refuses it unless
// MerkleOptions.AllowRepeatedAddress is set.
golden(
  'repeated',
  [
    ['0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2', '7'],
    ['0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db', '11'],
    ['0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2', '13'],
    ['0x78731D3Ca6b7E34aC0F824c42a7cC18A495cabaB', '0'],
    ['0x617F2E2fD72FD9D5503197092aC168c91465E7f2', '115792089237316195423570985008687907853269984665640564039457584007913129639935'],
  ],
  { allowRepeatedAddress: true, multi: [[0, 2]] },
);
