// Copies what tsc does not: the node and credential icons.
const { src, dest } = require('gulp');

function copyIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = copyIcons;
