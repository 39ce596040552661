import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The codes of a member's profile fields, from the User API page, "根据手机号获取用户资料" (https://docs.mallcoo.cn/open/api/User.html), with English labels.
 * Values are the codes the platform stores.
 */
function labelled(...labels: string[]): INodePropertyOptions[] {
	return labels.map((name, value) => ({ name, value }));
}

export const GENDER = [
	{ name: 'Unknown', value: 0 },
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export const EDUCATION = labelled(
	'Junior High School',
	'High School',
	"Bachelor's Degree",
	'Junior College',
	"Master's Degree",
	'Doctorate',
	'Prefer Not to Say',
);

export const MARITAL_STATUS = labelled('Single', 'Married', 'Prefer Not to Say');

export const HAS_CHILDREN = labelled('No', 'Yes', 'Prefer Not to Say');

export const INCOME = labelled(
	'Under 3,000',
	'3,000–5,000',
	'5,000–8,000',
	'8,000–15,000',
	'15,000–25,000',
	'Over 25,000',
	'Prefer Not to Say',
);

export const CONVEYANCE = labelled('Metro', 'Bus', 'Car', 'Bicycle', 'On Foot');

export const HOBBIES = labelled(
	'Sports & Fitness',
	'DIY',
	'Movies',
	'Food',
	'Beauty & Skincare',
	'Shopping',
	'Photography',
	'Travel',
);

/** Shared by FocusInfoList and ShoppingInterestList. */
export const SHOPPING_CATEGORIES = labelled(
	'Clothing',
	'Bags & Shoes',
	'Cosmetics & Skincare',
	'Jewelry',
	'Electronics',
	'Home & Personal Care',
	'Food',
	'Accessories',
	'Mother & Baby',
	'Family & Kids',
);

export const CONTACT_CHANNELS = labelled('Email', 'Post', 'SMS', 'WeChat');

export const ACTIVITY_INTERESTS = labelled(
	'Beauty & Wellness',
	'Karaoke',
	'Dining Together',
	'Movies',
);
