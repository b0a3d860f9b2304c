# source: https://stackoverflow.com/questions/68896578/pytorchs-torch-as-strided-with-negative-strides-for-making-a-toeplitz-matrix
# A PyTorch port of scipy.linalg.toeplitz: c is flipped, joined with r[1:], and the
# matrix is read from that vector with NumPy's stride trick, rows walking backwards.
import torch


def toeplitz_torch(c, r=None):
    c = torch.tensor(c).ravel()
    if r is None:
        r = torch.conj(c)
    else:
        r = torch.tensor(r).ravel()

    # Flip c left to right.
    idx = [i for i in range(c.size(0) - 1, -1, -1)]
    idx = torch.LongTensor(idx)
    c = c.index_select(0, idx)

    vals = torch.cat((c, r[1:]))
    out_shp = len(c), len(r)
    n = vals.stride(0)

    return torch.as_strided(vals[len(c) - 1:], size=out_shp, stride=(-n, n)).copy()  # error: TL005


print(toeplitz_torch([1., 2., 3.], [1., 4., 5., 6.]))
