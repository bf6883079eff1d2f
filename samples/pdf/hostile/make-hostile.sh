#!/usr/bin/env bash
# Makes the hostile PDFs that are derived from the committed papers (scanned.pdf is a copied fixture; see ../SOURCE.md).
set -euo pipefail
cd "$(dirname "$0")"
command -v qpdf >/dev/null || { echo "make-hostile: qpdf is required (apt-get install -y qpdf)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

head -c 400000 ../2020.acl-main.447.pdf > truncated.pdf

qpdf --empty --pages ../2023.eacl-main.121.pdf 1 -- "$work/page1.pdf"
qpdf --encrypt rag-user rag-owner 256 -- "$work/page1.pdf" encrypted.pdf

# One blank page, then 10,000 copies of it; object streams keep the file under 100 KB.
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\ntrailer << /Root 1 0 R /Size 4 >>\n%%%%EOF\n' > "$work/blank-raw.pdf"
qpdf "$work/blank-raw.pdf" "$work/blank.pdf" 2>/dev/null || [ -f "$work/blank.pdf" ]
pages=()
for _ in $(seq 10000); do pages+=("$work/blank.pdf"); done
qpdf --empty --pages "${pages[@]}" -- "$work/empty.pdf"
qpdf --object-streams=generate --compress-streams=y "$work/empty.pdf" empty-10000-pages.pdf
echo "made truncated.pdf, encrypted.pdf, empty-10000-pages.pdf"
