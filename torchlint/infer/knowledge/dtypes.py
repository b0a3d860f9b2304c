"""torch's dtypes by qualified name, and the casts of tensor methods."""

DTYPES = {
    **{f"torch.{n}": "float32" for n in ("float", "float32")},
    **{f"torch.{n}": "float64" for n in ("float64", "double")},
    **{f"torch.{n}": "float16" for n in ("float16", "half")},
    "torch.bfloat16": "bfloat16",
    **{f"torch.{n}": "int64" for n in ("int64", "long")},
    **{f"torch.{n}": "int32" for n in ("int32", "int")},
    **{f"torch.{n}": "int16" for n in ("int16", "short")},
    "torch.int8": "int8", "torch.uint8": "uint8",
    "torch.bool": "bool",
    **{f"torch.{n}": "complex64" for n in ("complex64", "cfloat")},
    **{f"torch.{n}": "complex128" for n in ("complex128", "cdouble")},
}

CASTS = {
    "float": "float32", "double": "float64", "half": "float16", "bfloat16": "bfloat16",
    "int": "int32", "long": "int64", "short": "int16", "byte": "uint8", "char": "int8", "bool": "bool",
}
