"""HTML pages: title / published / authors against hand-judged gold on ../shared/corpus/html, facts, time.

    .venv/bin/python bench/html_pages.py [--pages ../shared/corpus/html]

The gold below was read off each page by hand (the headline without the site's suffix, the day the
page says it was published, the reporters named in its byline). Time per page is the wall time of
reading, extracting the main text and running the pipeline, after one warm-up page (trafilatura's
import and the rule packs are loaded once per process).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from de06_extract.batch import process_raw
from de06_extract.sources import html_raw

ROOT = Path(__file__).resolve().parents[1]
GOLD: dict[str, tuple[str, str, list[str]]] = {
    "baodautu-1": (
        "Xử phạt Giám đốc tài chính Tập đoàn Tiên Sơn Thanh Hoá vì thao túng cổ phiếu",
        "2026-03-07",
        ["Nguyên Minh"],
    ),
    "cafef-1": (
        "Thời điểm nâng hạng cận kề, MBS điểm tên 30 cổ phiếu Việt Nam có khả năng lọt rổ chỉ số FTSE",
        "2026-03-07",
        ["Dương Ngọc"],
    ),
    "cafef-2": (
        "Tăng hỗ trợ, giảm áp lực tài chính khi chuyển mục đích sử dụng đất",
        "2026-03-07",
        ["Hồ Hương"],
    ),
    "plo-1": (
        "Đoàn đại biểu TP.HCM dâng hoa, tưởng niệm các anh hùng liệt sĩ tại Bình Dương, Bà Rịa - Vũng Tàu (cũ)",
        "2025-10-11",
        ["Thuận Văn", "Lê Ánh"],
    ),
    "plo-2": (
        "Vụ vay ngân hàng mua biệt thự: VKS kháng nghị theo hướng hủy án sơ thẩm",
        "2025-10-09",
        ["Song Mai"],
    ),
    "tuoitre-1": ("Chiến sự đẩy giá hoa nhập khẩu dịp 8-3 tăng mạnh", "2026-03-07", ["Nhật Xuân", "Nghi Vũ"]),
    "tuoitre-2": ("Thanh tra vụ chặt cây xanh Hà Nội trong 30 ngày", "2015-03-23", ["Xuân Long"]),
    "tuoitre-3": ("Thanh tra vụ chặt cây xanh Hà Nội trong 30 ngày", "2015-03-23", ["Xuân Long"]),
    "vnexpress-1": ("Cách các nước đối phó cú sốc năng lượng từ Trung Đông", "2026-03-07", ["Hà Thu"]),
    "vnexpress-2": ("Tuần tra trong đêm âm 2 độ C", "2021-01-13", ["Giang Huy", "Hoàng Phương"]),
    "vnexpress-3": (
        "Dragon Capital: Quỹ mở tạo 'đường tắt' đến tích sản bền vững",
        "2025-07-02",
        ["Hoàng Đan"],
    ),
    "vnexpress-4": ("Bầu Đức: 'Hoàng Anh Gia Lai có thể lãi 2.500 tỷ năm nay'", "2025-07-02", ["Thi Hà"]),
    "vnexpress-5": (
        "10 công ty chứng khoán lớn nắm gần 70% thị phần môi giới",
        "2025-07-04",
        ["Phương Đông"],
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "corpus" / "html")
    args = parser.parse_args()
    first = sorted(GOLD)[0]
    process_raw(html_raw("warm-up", (args.pages / f"{first}.html").read_bytes()))
    ok = {"title": 0, "published": 0, "authors": 0}
    facts = 0
    seconds: list[float] = []
    for name, (title, published, authors) in sorted(GOLD.items()):
        data = (args.pages / f"{name}.html").read_bytes()
        started = time.perf_counter()
        article = process_raw(html_raw(name, data))
        seconds.append(time.perf_counter() - started)
        text = article.text or ""
        assert all(text[f.start : f.end] == f.text for f in article.facts), name
        got = (
            article.title == title,
            (article.published or "")[:10] == published,
            article.authors == authors,
        )
        for key, good in zip(ok, got, strict=True):
            ok[key] += good
        facts += len(article.facts)
        marks = " ".join(k for k, good in zip(ok, got, strict=True) if not good)
        print(
            f"{name:12} {seconds[-1]:6.3f}s facts {len(article.facts):3}  published {article.published}  "
            f"authors {article.authors}  {'WRONG: ' + marks if marks else ''}"
        )
    n = len(GOLD)
    print(
        f"title {ok['title']}/{n}  published {ok['published']}/{n}  authors {ok['authors']}/{n}  "
        f"facts {facts}  time per page: mean {sum(seconds) / n:.3f}s, max {max(seconds):.3f}s"
    )


if __name__ == "__main__":
    main()
