#!/bin/sh
# What `npm test` needs from the machine beyond npm (run as `pretest`, and by .ci/run before it validates the manifest):
#   chromium             the browser tests drive /usr/bin/chromium (playwright cannot download browsers here)
#   libxml2-utils        xmllint, for the manifest's schema check
#   fonts-wqy-microhei   a Chinese font, so the screenshots show characters rather than boxes
#   fonts-crosextra-carlito
#                        Calibri's metrics (the font our .xlsx files name): without it LibreOffice sizes columns in a
#                        wider font and prints every sheet smaller than Excel and WPS do
#   libreoffice-calc-nogui, poppler-utils
#                        soffice and pdftotext: every workbook the CLI writes is opened and printed as a person would
# Present → silent and quick (no apt call). Missing → installed with apt-get when root; otherwise stop with the one
# command to run, because the tests would fail later with less helpful messages.
set -eu

missing() {
  command -v chromium >/dev/null 2>&1 || printf ' chromium'
  command -v xmllint >/dev/null 2>&1 || printf ' libxml2-utils'
  fc-list :lang=zh 2>/dev/null | grep -q . || printf ' fonts-wqy-microhei'
  fc-list 2>/dev/null | grep -qi carlito || printf ' fonts-crosextra-carlito'
  command -v soffice >/dev/null 2>&1 || printf ' libreoffice-calc-nogui'
  command -v pdftotext >/dev/null 2>&1 || printf ' poppler-utils'
}

need=$(missing)
[ -z "$need" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "测试需要系统软件包：${need}  The tests need these system packages:${need}" >&2
  echo "请运行 Run:  sudo apt-get update && sudo apt-get install -y${need}" >&2
  exit 1
fi

echo "安装测试所需的软件包 Installing what the tests need:${need}" >&2
apt-get update -qq
# $need is word-split on purpose: one argument per package.
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null

still=$(missing)
if [ -n "$still" ]; then
  echo "安装后仍缺少 Still missing after apt-get install:${still}" >&2
  exit 1
fi
