#!/bin/sh
# Render /etc/nginx/templates/**/*.template into /etc/nginx/conf.d/ through
# envsubst, substituting only variables defined in the environment, so that
# nginx's own $variables pass through. Same knobs as upstream's script:
# NGINX_ENVSUBST_TEMPLATE_DIR, _TEMPLATE_SUFFIX, _OUTPUT_DIR and _FILTER.
set -e

template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
filter="${NGINX_ENVSUBST_FILTER:-}"

[ -d "$template_dir" ] || exit 0
if [ ! -w "$output_dir" ]; then
  echo "$0: ERROR: $template_dir exists, but $output_dir is not writable" >&2
  exit 0
fi

# '${A} ${B} ...' for every defined variable whose name matches the filter.
defined="$(awk -v filter="$filter" \
  'END { for (name in ENVIRON) if (name ~ filter) printf "${%s} ", name }' </dev/null)"

find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
  relative="${template#"$template_dir/"}"
  output="$output_dir/${relative%"$suffix"}"
  mkdir -p "$(dirname "$output")"
  echo "$0: Running envsubst on $template to $output"
  envsubst "$defined" <"$template" >"$output"
done
