# source: https://github.com/OpenNMT/OpenNMT-py/issues/403
# Porting OpenNMT-py to PyTorch 0.4: the decoder state's detach() called
# h.detach_() on views, which 0.4 refuses, and was changed to `h.detach()`,
# whose result nobody keeps. Truncated BPTT hands the state from one chunk of
# the target to the next. The fix (from the thread) sets the state's
# attributes to the detached tensors.
import torch
import torch.nn as nn


class RNNDecoderState(object):
    def __init__(self, rnnstate, input_feed):
        self.hidden = rnnstate
        self.input_feed = input_feed

    @property
    def _all(self):
        return self.hidden + (self.input_feed,)

    def update_state(self, rnnstate, input_feed):
        self.hidden = rnnstate
        self.input_feed = input_feed

    def detach(self):
        self.hidden = tuple([_.detach() for _ in self.hidden])
        self.input_feed = self.input_feed.detach()


class Decoder(nn.Module):
    def __init__(self, emb_size, hidden_size):
        super(Decoder, self).__init__()
        self.rnn = nn.LSTM(emb_size + hidden_size, hidden_size)
        self.out = nn.Linear(hidden_size, emb_size)

    def forward(self, tgt, state):
        outputs, hidden, feed = [], state.hidden, state.input_feed
        for emb_t in tgt.split(1):
            step_in = torch.cat([emb_t.squeeze(0), feed], 1).unsqueeze(0)
            rnn_out, hidden = self.rnn(step_in, hidden)
            feed = rnn_out.squeeze(0)
            outputs.append(self.out(feed))
        state.update_state(hidden, feed)
        return torch.stack(outputs), state


emb_size, hidden_size, batch, trunc_size = 4, 6, 2, 3
decoder = Decoder(emb_size, hidden_size)
optim = torch.optim.SGD(decoder.parameters(), lr=0.1)
tgt = torch.randn(9, batch, emb_size)
dec_state = RNNDecoderState((torch.zeros(1, batch, hidden_size), torch.zeros(1, batch, hidden_size)),
                            torch.zeros(batch, hidden_size))
for j in range(0, tgt.size(0) - trunc_size, trunc_size):
    tgt_chunk = tgt[j: j + trunc_size]
    outputs, dec_state = decoder(tgt_chunk, dec_state)
    loss = ((outputs - tgt[j + 1: j + 1 + trunc_size]) ** 2).mean()
    decoder.zero_grad()
    loss.backward()
    optim.step()
    dec_state.detach()
