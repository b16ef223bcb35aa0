// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'members',
  title: 'members',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'members'));
  },
};
