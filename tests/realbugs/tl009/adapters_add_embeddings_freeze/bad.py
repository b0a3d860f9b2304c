# source: https://github.com/adapter-hub/adapters/issues/384
# After model.add_embeddings('new', tokenizer_new, reference_tokenizer=tokenizer,
# reference_embedding='default'), model.train_adapter(['test']) fails. add_embeddings
# creates a new nn.Embedding, turns its requires_grad off, and copies the rows of the
# tokens both vocabularies share from the reference embedding's weight (which requires
# grad) into it with an indexed assignment: the new weight now has a grad_fn and is no
# longer a leaf. train_adapter freezes the model by setting requires_grad on every
# parameter, and torch refuses for that weight. The fix (PR #386) detaches the
# reference rows before cloning them.
import torch
import torch.nn as nn


class AdapterModel(nn.Module):
    def __init__(self, vocab, hidden_size=4):
        super().__init__()
        self.vocab = vocab
        self.hidden_size = hidden_size
        self.word_embeddings = nn.Embedding(len(vocab), hidden_size)
        self.encoder = nn.Linear(hidden_size, hidden_size)
        self.adapters = nn.ModuleDict()
        self.loaded_embeddings = {"default": self.word_embeddings}
        self._active_embedding = "default"
        self._active_adapter = None

    def get_input_embeddings(self):
        return self.word_embeddings

    def set_input_embeddings(self, embedding):
        self.word_embeddings = embedding

    def set_active_embeddings(self, name):
        self.loaded_embeddings[self._active_embedding] = self.get_input_embeddings()
        self.set_input_embeddings(self.loaded_embeddings[name])
        self._active_embedding = name

    def add_embeddings(self, name, vocab, reference_embedding=None, reference_vocab=None):
        if name in self.loaded_embeddings:
            raise ValueError("An embedding with the name {} already exists".format(name))
        embedding = nn.Embedding(len(vocab), self.hidden_size)
        embedding.requires_grad_(False)
        if reference_embedding is not None and reference_vocab is not None:
            for token in set(vocab) & set(reference_vocab):
                idx_reference = reference_vocab[token]
                idx = vocab[token]
                embedding.weight[idx] = self.loaded_embeddings[reference_embedding].weight[idx_reference].clone()
        embedding.train(False)
        self.loaded_embeddings[name] = embedding
        self.set_active_embeddings(name)

    def add_adapter(self, name):
        self.adapters[name] = nn.Linear(self.hidden_size, self.hidden_size)

    def freeze_model(self, freeze=True):
        for param in self.parameters():
            param.requires_grad = not freeze  # error: TL009

    def train_adapter(self, adapter_names):
        self.train()
        self.freeze_model(True)
        for name in adapter_names:
            for param in self.adapters[name].parameters():
                param.requires_grad = True
        self._active_adapter = adapter_names[0]

    def forward(self, input_ids):
        hidden = self.encoder(self.word_embeddings(input_ids))
        if self._active_adapter is not None:
            hidden = hidden + self.adapters[self._active_adapter](hidden)
        return hidden


vocab = {"<s>": 0, "</s>": 1, "hello": 2, "world": 3, "foo": 4}
vocab_new = {"<s>": 0, "</s>": 1, "hello": 2, "bar": 3, "world": 4, "baz": 5}

model = AdapterModel(vocab)
model.add_embeddings("new", vocab_new, reference_embedding="default", reference_vocab=vocab)
model.add_adapter("test")
model.train_adapter(["test"])

optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
loss = model(torch.tensor([[0, 2, 4, 1]])).pow(2).mean()
loss.backward()
optimizer.step()
print(loss.item())
