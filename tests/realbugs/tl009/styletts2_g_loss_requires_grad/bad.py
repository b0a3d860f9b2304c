# source: https://github.com/yl4579/StyleTTS2/issues/258
# StyleTTS2's first training stage: from TMA_epoch on, the generator loss is a
# weighted sum of the mel loss, the monotonic-alignment and s2s losses, the
# discriminator-based generator loss and the SLM loss. The reporter had added
# g_loss.requires_grad = True after optimizer.zero_grad(), before the backward
# pass; once the TMA epochs began, the run failed there. TMA_epoch is 0 here,
# so the run starts in that phase; tiny linear modules stand in for the
# aligner, decoder, discriminator and WavLM.
import torch
import torch.nn.functional as F
from torch import nn


class MultiOptimizer:
    def __init__(self, optimizers):
        self.optimizers = optimizers

    def zero_grad(self):
        for opt in self.optimizers.values():
            opt.zero_grad()

    def step(self, key):
        self.optimizers[key].step()


def main(epochs=2, TMA_epoch=0, lambda_mel=5.0, lambda_mono=1.0, lambda_s2s=1.0, lambda_gen=1.0, lambda_slm=1.0):
    model = nn.ModuleDict({
        "text_aligner": nn.Linear(8, 6),
        "decoder": nn.Linear(8, 16),
        "msd": nn.Linear(16, 1),
        "wavlm": nn.Linear(16, 4),
    })
    optimizer = MultiOptimizer({key: torch.optim.Adam(model[key].parameters(), lr=1e-4) for key in model})
    stft_loss = F.l1_loss
    dl = lambda real, fake: F.relu(1 - model["msd"](real)) + F.relu(1 + model["msd"](fake))
    gl = lambda real, fake: -model["msd"](fake)
    wl = lambda real, fake: F.l1_loss(model["wavlm"](fake), model["wavlm"](real))

    for epoch in range(epochs):
        running_loss = 0
        for i in range(2):
            mels, texts, wav = torch.randn(2, 5, 8), torch.randint(0, 6, (2, 5)), torch.randn(2, 16)
            s2s_pred = model["text_aligner"](mels)
            s2s_attn = torch.softmax(s2s_pred, dim=-1)
            s2s_attn_mono = (s2s_attn == s2s_attn.max(dim=-1, keepdim=True).values).float()
            y_rec = model["decoder"](mels.mean(dim=1))

            # discriminator loss
            if epoch >= TMA_epoch:
                optimizer.zero_grad()
                d_loss = dl(wav.detach(), y_rec.detach()).mean()
                d_loss.backward()
                optimizer.step("msd")

            # generator loss
            optimizer.zero_grad()
            loss_mel = stft_loss(y_rec.squeeze(), wav.detach())
            if epoch >= TMA_epoch:  # start TMA training
                loss_s2s = 0
                for _s2s_pred, _text_input in zip(s2s_pred, texts):
                    loss_s2s += F.cross_entropy(_s2s_pred, _text_input)
                loss_s2s /= texts.size(0)
                loss_mono = F.l1_loss(s2s_attn, s2s_attn_mono) * 10
                loss_gen_all = gl(wav.detach(), y_rec).mean()
                loss_slm = wl(wav.detach(), y_rec).mean()
                g_loss = lambda_mel * loss_mel + lambda_mono * loss_mono + lambda_s2s * loss_s2s + \
                    lambda_gen * loss_gen_all + lambda_slm * loss_slm
            else:
                g_loss = loss_mel

            running_loss += loss_mel.item()
            optimizer.zero_grad()
            g_loss.requires_grad = True  # error: TL009
            g_loss.backward()
            optimizer.step("decoder")
            if epoch >= TMA_epoch:
                optimizer.step("text_aligner")
        print("Epoch [%d/%d], Mel Loss: %.5f" % (epoch + 1, epochs, running_loss / 2))


main()
