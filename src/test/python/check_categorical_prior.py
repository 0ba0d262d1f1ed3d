"""Checks latentlens_train's prior for categorical factors (run by KerasTrainerTest).

Every row of a batch must have exactly one value of each factor present (+) and the others absent (-), each value
chosen about equally often, and the columns outside the factors must be drawn exactly as without factors, so runs
that name no factor compute what they did before. Exits non-zero with a message on the first difference.
"""

import sys

import numpy as np
import tensorflow as tf

from latentlens_train.data import _with_codes

ROWS, DIMS, FREE, SEED = 6000, 5, 2, 7
GROUPS = ((1, 3, 4),)


def codes(groups):
    batch = {"images": tf.zeros([ROWS, 2, 2, 3])}
    return _with_codes(tf.constant(11, tf.int64), batch, DIMS, FREE, SEED, groups)["semantic"].numpy()


def main() -> int:
    plain, grouped = codes(()), codes(GROUPS)
    group = list(GROUPS[0])
    present = grouped[:, group] > 0
    per_row = present.sum(axis=1)
    if not np.all(per_row == 1):
        print(f"rows with {sorted(set(per_row.tolist()))} values present; every row needs exactly one")
        return 1
    shares = present.mean(axis=0)
    if not np.all(np.abs(shares - 1 / len(group)) < 0.03):
        print(f"values chosen {shares.tolist()} of the time; each should be about {1 / len(group):.3f}")
        return 1
    others = [c for c in range(DIMS) if c not in group]
    if not np.array_equal(plain[:, others], grouped[:, others]):
        print("columns outside the factor changed when the factor was added")
        return 1
    if not np.array_equal(np.abs(plain), np.abs(grouped)):
        print("strengths changed: only the signs of a factor's columns may differ")
        return 1
    print(f"categorical prior: {ROWS} rows, one value present in each, shares {np.round(shares, 3).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
